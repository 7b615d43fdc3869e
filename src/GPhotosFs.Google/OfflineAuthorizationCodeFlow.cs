using Google.Apis.Auth.OAuth2.Flows;
using Google.Apis.Auth.OAuth2.Requests;

namespace GPhotosFs.Google;

/// <summary>
/// Google.Apis.Auth's generic authorization-code flow, asking Google for a refresh token the way
/// GoogleAuthorizationCodeFlow does (access_type=offline, prompt=consent). GoogleAuthorizationCodeFlow
/// itself cannot be used: its token server URL is fixed (the constructor that takes one is
/// internal), and gphotosfs's endpoints must be configurable for proxies and the test emulator.
/// </summary>
internal sealed class OfflineAuthorizationCodeFlow(AuthorizationCodeFlow.Initializer initializer) : AuthorizationCodeFlow(initializer)
{
    public override AuthorizationCodeRequestUrl CreateAuthorizationCodeRequest(string redirectUri) =>
        new GoogleAuthorizationCodeRequestUrl(new Uri(AuthorizationServerUrl))
        {
            ClientId = ClientSecrets.ClientId,
            Scope = string.Join(" ", Scopes),
            RedirectUri = redirectUri,
            AccessType = "offline",
            Prompt = "consent", // without it Google sends a refresh token only the first time an account consents
        };

    /// <summary>Exchanges a code with its PKCE verifier and stores the token (the base class keeps this overload protected).</summary>
    public Task<global::Google.Apis.Auth.OAuth2.Responses.TokenResponse> ExchangeCodeWithVerifierAsync(string userId, string code, string redirectUri, string codeVerifier, CancellationToken cancellationToken) =>
        ExchangeCodeForTokenAsync(userId, new AuthorizationCodeTokenRequest { Code = code, RedirectUri = redirectUri, CodeVerifier = codeVerifier }, cancellationToken);
}
