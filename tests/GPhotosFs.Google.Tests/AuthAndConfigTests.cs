using GPhotosFs.GoogleEmulator;

namespace GPhotosFs.Google.Tests;

public sealed class AuthAndConfigTests
{
    [Fact]
    public async Task Authorization_stores_a_private_token_and_copies_the_client_file()
    {
        await using var h = await GoogleHarness.StartAsync(new EmulatorOptions { ItemCount = 1 });
        var token = Path.Combine(h.ConfigFolder, TokenFile.FileName);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(token));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(h.ConfigFolder, GoogleAuthorization.ClientSecretFileName)));
        Assert.Contains("refresh_token", File.ReadAllText(token));
        Assert.Equal(1, h.Emulator.OAuth.RefreshTokenCount);
    }

    [Fact]
    public async Task An_unauthorized_library_says_to_run_auth()
    {
        await using var h = await GoogleHarness.StartAsync(new EmulatorOptions { ItemCount = 1 }, authorize: false);
        var error = await Assert.ThrowsAsync<GoogleAuthException>(() => h.Connect(1).Credentials.GetAccessTokenAsync(CancellationToken.None));
        Assert.Contains("gphotosfs auth", error.Message);
    }

    [Fact]
    public async Task A_client_file_that_is_not_a_desktop_client_is_refused_by_name()
    {
        await using var h = await GoogleHarness.StartAsync(new EmulatorOptions { ItemCount = 1 }, authorize: false);
        var web = Path.Combine(h.ConfigFolder, "..", "web.json");
        File.WriteAllText(web, """{"web":{"client_id":"x","client_secret":"y"}}""");
        var error = await Assert.ThrowsAsync<GoogleAuthException>(() => GoogleAuthorization.AuthorizeAsync(
            h.ConfigFolder, GoogleEndpoints.Resolve(h.ConfigFolder), web, GoogleHarness.FreePort(), _ => { }, TimeSpan.FromSeconds(5), CancellationToken.None));
        Assert.Contains("web.json", error.Message);
        Assert.Contains("Desktop app", error.Message);
    }

    [Fact]
    public void Endpoints_come_from_the_environment_then_config_json_then_Google()
    {
        var folder = Directory.CreateTempSubdirectory("gphotosfs-endpoints-").FullName;
        try
        {
            Assert.Equal(GoogleEndpoints.Google, GoogleEndpoints.Resolve(folder, _ => null));
            File.WriteAllText(Path.Combine(folder, "config.json"), """{"endpoints":{"library_api_url":"http://proxy.example/lib","oauth_token_url":"http://proxy.example/token"},"other":1}""");
            var environment = new Dictionary<string, string> { ["GPHOTOSFS_OAUTH_TOKEN_URL"] = "http://env.example/token" };
            var resolved = GoogleEndpoints.Resolve(folder, name => environment.GetValueOrDefault(name));
            Assert.Equal("http://proxy.example/lib/", resolved.LibraryApiUrl.ToString());
            Assert.Equal("http://env.example/token", resolved.OAuthTokenUrl.ToString());
            Assert.Equal(GoogleEndpoints.Google.PickerApiUrl, resolved.PickerApiUrl);
            Assert.Equal(GoogleEndpoints.Google.OAuthAuthUrl, resolved.OAuthAuthUrl);

            File.WriteAllText(Path.Combine(folder, "config.json"), """{"endpoints":{"picker_api_url":"not a url"}}""");
            var error = Assert.Throws<GoogleConfigException>(() => GoogleEndpoints.Resolve(folder, _ => null));
            Assert.Contains("picker_api_url", error.Message);
            Assert.Contains("config.json", error.Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task The_budget_is_shared_between_processes_and_refuses_requests_past_the_limit()
    {
        await using var h = await GoogleHarness.StartAsync(new EmulatorOptions { ItemCount = 1 }, authorize: false);
        var environment = new Dictionary<string, string> { ["GPHOTOSFS_GOOGLE_API_QUOTA"] = "5" };
        var first = new RequestBudget(h.Health, 7, environment: n => environment.GetValueOrDefault(n));
        var second = new RequestBudget(h.Health, 7, environment: n => environment.GetValueOrDefault(n));
        first.Take(RequestBudget.Api);
        first.Take(RequestBudget.Api);
        first.Flush();
        second.Take(RequestBudget.Api);
        second.Flush();
        Assert.Equal(3, h.Health.Read(7).Quotas[RequestBudget.Api].Used);

        var third = new RequestBudget(h.Health, 7, environment: n => environment.GetValueOrDefault(n));
        third.Take(RequestBudget.Api);
        third.Take(RequestBudget.Api);
        var refused = Assert.Throws<GoogleQuotaException>(() => third.Take(RequestBudget.Api));
        Assert.Contains("budget of 5", refused.Message);
    }
}
