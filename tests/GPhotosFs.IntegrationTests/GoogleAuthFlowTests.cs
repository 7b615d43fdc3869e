using System.Net;
using GPhotosFs.GoogleEmulator;
using GPhotosFs.IntegrationTests.Infrastructure;

namespace GPhotosFs.IntegrationTests;

/// <summary>
/// `gphotosfs auth` as an attacker and an unlucky user meet it: the authorization request carries
/// state and a PKCE S256 challenge (the emulator refuses it otherwise), a forged redirect to the
/// loopback port is refused while the real one still completes, the browser hears "authorized"
/// only once the token is stored, and a denied consent is explained in words.
/// </summary>
public sealed class GoogleAuthFlowTests
{
    [Fact]
    public async Task A_forged_redirect_is_refused_and_the_real_one_with_state_and_pkce_completes()
    {
        await using var account = await GoogleAccount.StartAsync(new EmulatorOptions { ItemCount = 1 });
        using var auth = account.StartAuthorize();
        using var browser = new HttpClient();

        // Someone who knows the port sends a code of their own, with no state or a guessed one.
        foreach (var forged in new[] { $"http://127.0.0.1:{auth.Port}/?code=4/forged", $"http://127.0.0.1:{auth.Port}/?code=4/forged&state=guess" })
        {
            var answer = await browser.GetAsync(forged);
            Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
            Assert.DoesNotContain("is authorized", await answer.Content.ReadAsStringAsync());
        }

        Assert.False(auth.Process.HasExited, "a forged redirect ended the authorization");
        var landing = await browser.GetAsync(auth.Url);
        Assert.Equal(HttpStatusCode.OK, landing.StatusCode);
        Assert.Contains("is authorized", await landing.Content.ReadAsStringAsync());
        var result = auth.Finish().AssertSuccess("gphotosfs auth");

        Assert.Contains("did not carry this run's state", result.Stderr);
        Assert.True(File.Exists(Path.Combine(account.ConfigFolder, "token.json")));
        var sent = account.Emulator.OAuth.LastAuthorizeRequest;
        Assert.NotNull(sent);
        Assert.True(sent.Value.State is { Length: >= 32 }, "the authorization request carried no unguessable state");
        Assert.Equal("S256", sent.Value.ChallengeMethod);
        Assert.Equal(1, account.Emulator.OAuth.CodesExchanged);
    }

    [Fact]
    public async Task The_browser_is_told_of_success_only_after_the_token_is_stored()
    {
        await using var account = await GoogleAccount.StartAsync(new EmulatorOptions { ItemCount = 1 });
        account.Emulator.OAuth.FailCodeExchanges = 100; // Google.Apis.Auth retries a 5xx: keep failing
        using var auth = account.StartAuthorize();
        using var browser = new HttpClient();

        var landing = await browser.GetAsync(auth.Url);

        Assert.NotEqual(HttpStatusCode.OK, landing.StatusCode);
        Assert.DoesNotContain("is authorized", await landing.Content.ReadAsStringAsync());
        var result = auth.Finish();
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("run `gphotosfs auth` again", result.Stderr);
        Assert.False(File.Exists(Path.Combine(account.ConfigFolder, "token.json")));
    }

    [Fact]
    public async Task A_denied_authorization_is_explained_in_words()
    {
        await using var account = await GoogleAccount.StartAsync(new EmulatorOptions { ItemCount = 1 });
        account.Emulator.OAuth.DenyConsent = true;
        using var auth = account.StartAuthorize();
        using var browser = new HttpClient();

        await browser.GetAsync(auth.Url);
        var result = auth.Finish();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("access was not granted", result.Stderr);
        Assert.Contains("test user", result.Stderr);
        Assert.DoesNotContain(": )", result.Stderr);
    }
}
