using GPhotosFs.Catalog;
using Google.Apis.Auth.OAuth2;
using Google.Apis.Auth.OAuth2.Flows;
using Google.Apis.Auth.OAuth2.Requests;
using Google.Apis.Auth.OAuth2.Responses;

namespace GPhotosFs.Google;

/// <summary>
/// The user's authorization of gphotosfs, through Google.Apis.Auth: the installed-app flow with the
/// user's own Desktop client (client_secret.json, copied into the config folder so unattended runs
/// can refresh), a loopback redirect on a chosen port, and the token in token.json (0600).
/// The flow's authorization and token URLs come from <see cref="GoogleEndpoints"/>, so the same
/// code runs against Google and against the test emulator.
/// </summary>
public static class GoogleAuthorization
{
    public const string ClientSecretFileName = "client_secret.json";
    private const string User = "user";

    /// <summary>
    /// Runs the browser flow once: prints the URL (with <c>state</c> and a PKCE S256 challenge), waits
    /// for the redirect that carries this run's state, exchanges the code with the verifier, stores
    /// the token, and only then tells the browser it worked. The returned credential owns the flow.
    /// </summary>
    public static async Task<UserCredential> AuthorizeAsync(string configFolder, GoogleEndpoints endpoints, string clientSecretFile, int port, Action<string> showUrl, TimeSpan timeout, CancellationToken cancellationToken, Action<string>? warn = null, IReadOnlyList<string>? scopes = null)
    {
        var secrets = ReadClientSecrets(clientSecretFile);
        PrivateFiles.EnsureDirectory(configFolder);
        var kept = Path.Combine(configFolder, ClientSecretFileName);
        if (!string.Equals(Path.GetFullPath(clientSecretFile), Path.GetFullPath(kept), StringComparison.Ordinal))
        {
            // Not File.Copy: the copy would be readable by others (the source's mode) until a chmod.
            PrivateFiles.ReplaceAtomically(kept, File.ReadAllBytes(clientSecretFile));
        }

        File.SetUnixFileMode(kept, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var store = new TokenFile(configFolder);
        await store.ClearAsync().ConfigureAwait(false);
        var flow = CreateFlow(endpoints, secrets, store, scopes);
        var receiver = new LoopbackCodeReceiver(port, showUrl, timeout, warn);

        // state ties the redirect to this run; PKCE (S256) ties the code to this process, so a code
        // seen by someone else (browser history, a log, a forged redirect) is worth nothing.
        var state = LoopbackCodeReceiver.NewSecret();
        var verifier = LoopbackCodeReceiver.NewSecret();
        var request = (GoogleAuthorizationCodeRequestUrl)flow.CreateAuthorizationCodeRequest(receiver.RedirectUri);
        request.State = state;
        request.CodeChallenge = LoopbackCodeReceiver.Base64Url(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(verifier)));
        request.CodeChallengeMethod = "S256";
        TokenResponse? token = null;
        try
        {
            await receiver.ReceiveAsync(request.Build().AbsoluteUri, state, async code =>
            {
                try
                {
                    token = await flow.ExchangeCodeWithVerifierAsync(User, code, receiver.RedirectUri, verifier, cancellationToken).ConfigureAwait(false);
                }
                catch (TokenResponseException ex)
                {
                    throw new GoogleAuthException(LoopbackCodeReceiver.DeniedMessage(ex.Error?.Error ?? "token exchange failed", ex.Error?.ErrorDescription), ex);
                }
                catch (HttpRequestException ex)
                {
                    throw new GoogleAuthException($"Google's token server could not be reached ({ex.HttpRequestError}); run `gphotosfs auth` again", ex);
                }

                if (token.RefreshToken is null)
                {
                    await store.ClearAsync().ConfigureAwait(false);
                    throw new GoogleAuthException("Google granted no refresh token, so unattended runs could not continue; revoke gphotosfs's access at myaccount.google.com/permissions and run `gphotosfs auth` again");
                }

                if (!store.Exists)
                {
                    throw new GoogleAuthException($"the token could not be stored in {store.Path}; run `gphotosfs auth` again");
                }
            }, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            flow.Dispose();
            throw;
        }

        return new UserCredential(flow, User, token!);
    }

    /// <summary>The stored authorization, refreshing itself as needed, for unattended runs.</summary>
    /// <exception cref="GoogleAuthException">There is none yet (or its files are damaged).</exception>
    public static GoogleCredentials Load(string configFolder, GoogleEndpoints endpoints) =>
        new(async ct => await LoadCredentialAsync(configFolder, endpoints, ct).ConfigureAwait(false), new TokenFile(configFolder));

    private static async Task<(UserCredential, IDisposable?)> LoadCredentialAsync(string configFolder, GoogleEndpoints endpoints, CancellationToken cancellationToken)
    {
        var secretsFile = Path.Combine(configFolder, ClientSecretFileName);
        var store = new TokenFile(configFolder);
        if (!File.Exists(secretsFile) || !store.Exists)
        {
            throw new GoogleAuthException($"gphotosfs is not authorized for this library yet (no {(File.Exists(secretsFile) ? store.Path : secretsFile)}): run `gphotosfs auth --client-secret FILE`");
        }

        var flow = CreateFlow(endpoints, ReadClientSecrets(secretsFile), store);
        var token = await flow.LoadTokenAsync(User, cancellationToken).ConfigureAwait(false);
        if (token?.RefreshToken is null)
        {
            flow.Dispose();
            throw new GoogleAuthException($"{store.Path} holds no refresh token: {GoogleAuthException.RunAuthAgain}");
        }

        return (new UserCredential(flow, User, token), flow);
    }

    // The scopes matter only for the consent request; a refresh keeps what the user granted then.
    private static OfflineAuthorizationCodeFlow CreateFlow(GoogleEndpoints endpoints, ClientSecrets secrets, TokenFile store, IReadOnlyList<string>? scopes = null) =>
        new(new AuthorizationCodeFlow.Initializer(endpoints.OAuthAuthUrl.AbsoluteUri, endpoints.OAuthTokenUrl.AbsoluteUri)
        {
            ClientSecrets = secrets,
            Scopes = scopes ?? GoogleScopes.All,
            DataStore = store,
        });

    private static ClientSecrets ReadClientSecrets(string path)
    {
        System.Text.Json.JsonElement installed;
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path));
            if (document.RootElement.ValueKind != System.Text.Json.JsonValueKind.Object)
            {
                throw new GoogleAuthException($"{path} is not an OAuth client file: it holds a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}, not the {{\"installed\": ...}} object " +
                                              "the Google Cloud console downloads (APIs & Services > Credentials > your Desktop app client > Download JSON)");
            }

            if (!document.RootElement.TryGetProperty("installed", out var section))
            {
                throw new GoogleAuthException($"{path} is not a Desktop app OAuth client (no \"installed\" section); create an OAuth client of type \"Desktop app\" in the Google Cloud console and download its JSON");
            }

            installed = section.Clone();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            throw new GoogleAuthException($"cannot read the OAuth client file {path}: {ex.Message}");
        }

        string? Field(string name) => installed.ValueKind == System.Text.Json.JsonValueKind.Object && installed.TryGetProperty(name, out var v) && v.ValueKind == System.Text.Json.JsonValueKind.String ? v.GetString() : null;
        if (Field("client_id") is not { Length: > 0 } id || Field("client_secret") is not { Length: > 0 } secret)
        {
            throw new GoogleAuthException($"{path} lacks client_id or client_secret");
        }

        return new ClientSecrets { ClientId = id, ClientSecret = secret };
    }
}
