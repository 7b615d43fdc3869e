using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace GPhotosFs.GoogleEmulator;

/// <summary>
/// Google's OAuth 2.0 server as a Desktop client meets it: authorization codes (with PKCE when the
/// client asks), refresh tokens that live until revoked, access tokens that expire.
/// </summary>
public sealed class EmulatedOAuth(EmulatorOptions options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, PendingCode> _codes = new();
    private readonly ConcurrentDictionary<string, Grant> _refreshTokens = new();
    private readonly ConcurrentDictionary<string, AccessToken> _accessTokens = new();
    private long _issued;

    public long AccessTokensIssued => Interlocked.Read(ref _issued);

    public int RefreshTokenCount => _refreshTokens.Count;

    /// <summary>Fault: the user presses Cancel on the consent screen (redirect with error=access_denied).</summary>
    public bool DenyConsent { get; set; }

    /// <summary>Fault: the next code exchanges answer 500 (the token server fails after the user consented).</summary>
    public int FailCodeExchanges { get; set; }

    /// <summary>What the last authorization request carried: its state (null when none) and PKCE method (null when none).</summary>
    public (string? State, string? ChallengeMethod)? LastAuthorizeRequest { get; private set; }

    /// <summary>Codes exchanged for tokens so far.</summary>
    public long CodesExchanged => Interlocked.Read(ref _exchanged);

    private long _exchanged;

    internal void RecordAuthorizeRequest(string? state, string? challengeMethod) => LastAuthorizeRequest = (state, challengeMethod);

    internal string IssueCode(string redirectUri, string scope, string? challenge, string? challengeMethod)
    {
        var code = "4/" + Random(24);
        _codes[code] = new PendingCode(redirectUri, scope, challenge, challengeMethod, time.GetUtcNow().AddMinutes(10));
        return code;
    }

    /// <summary>Answers a token request: (status, JSON body).</summary>
    internal (int Status, object Body) Token(IReadOnlyDictionary<string, string> form)
    {
        if (form.GetValueOrDefault("client_id") != options.ClientId || form.GetValueOrDefault("client_secret") != options.ClientSecret)
        {
            return (401, new { error = "invalid_client", error_description = "The OAuth client was not found." });
        }

        switch (form.GetValueOrDefault("grant_type"))
        {
            case "authorization_code":
                if (FailCodeExchanges > 0)
                {
                    FailCodeExchanges--;
                    return (500, new { error = "internal_failure", error_description = "Backend Error" });
                }

                if (form.GetValueOrDefault("code") is not { } code || !_codes.TryRemove(code, out var pending) || pending.Expires < time.GetUtcNow())
                {
                    return InvalidGrant("Malformed auth code.");
                }

                if (form.GetValueOrDefault("redirect_uri") != pending.RedirectUri)
                {
                    return (400, new { error = "redirect_uri_mismatch", error_description = "Bad Request" });
                }

                if (pending.Challenge is not null && !VerifierMatches(form.GetValueOrDefault("code_verifier"), pending))
                {
                    return InvalidGrant("Invalid code verifier.");
                }

                var refresh = "1//" + Random(32);
                Interlocked.Increment(ref _exchanged);
                _refreshTokens[refresh] = new Grant(pending.Scope);
                return (200, Issue(pending.Scope, refresh));
            case "refresh_token":
                if (form.GetValueOrDefault("refresh_token") is not { } token || !_refreshTokens.TryGetValue(token, out var grant))
                {
                    return InvalidGrant("Token has been expired or revoked.");
                }

                return (200, Issue(grant.Scope, null));
            default:
                return (400, new { error = "unsupported_grant_type", error_description = "Invalid grant_type." });
        }
    }

    /// <summary>The scope an access token grants, or null when it is unknown, expired or revoked.</summary>
    public string? ScopeOf(string? authorization)
    {
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.Ordinal)) return null;
        return _accessTokens.TryGetValue(authorization["Bearer ".Length..], out var token) && token.Expires > time.GetUtcNow() ? token.Scope : null;
    }

    /// <summary>Fault: every access token stops working now (as if an hour had passed), refresh tokens still work.</summary>
    public void ExpireAccessTokens() => _accessTokens.Clear();

    /// <summary>Fault: the user revoked the app's access (or a Testing-state grant aged out): refresh answers invalid_grant.</summary>
    public void RevokeAll()
    {
        _refreshTokens.Clear();
        _accessTokens.Clear();
    }

    private object Issue(string scope, string? refreshToken)
    {
        var access = "ya29." + Random(40);
        _accessTokens[access] = new AccessToken(scope, time.GetUtcNow() + options.AccessTokenLifetime);
        Interlocked.Increment(ref _issued);
        var expiresIn = (long)options.AccessTokenLifetime.TotalSeconds;
        return refreshToken is null
            ? new { access_token = access, expires_in = expiresIn, scope, token_type = "Bearer" }
            : new { access_token = access, expires_in = expiresIn, refresh_token = refreshToken, scope, token_type = "Bearer" };
    }

    private static bool VerifierMatches(string? verifier, PendingCode pending)
    {
        if (verifier is null) return false;
        if (pending.ChallengeMethod == "plain") return verifier == pending.Challenge;
        var hash = Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return hash == pending.Challenge;
    }

    private static (int, object) InvalidGrant(string description) => (400, new { error = "invalid_grant", error_description = description });

    private static string Random(int bytes) => Convert.ToHexString(RandomNumberGenerator.GetBytes(bytes)).ToLowerInvariant();

    private sealed record PendingCode(string RedirectUri, string Scope, string? Challenge, string? ChallengeMethod, DateTimeOffset Expires);

    private sealed record Grant(string Scope);

    private sealed record AccessToken(string Scope, DateTimeOffset Expires);
}
