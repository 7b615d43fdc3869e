using Google.Apis.Auth.OAuth2;
using Google.Apis.Auth.OAuth2.Flows;
using Google.Apis.Auth.OAuth2.Responses;

namespace GPhotosFs.Google;

/// <summary>
/// Access tokens for API calls and Picker downloads. Google.Apis.Auth's UserCredential refreshes
/// them (one refresh at a time across threads); this maps its failures: <c>invalid_grant</c>
/// (revoked, or aged out in a Testing-state project) to <see cref="GoogleAuthException"/>, anything
/// else (the token server unreachable, 5xx) to a retryable <see cref="GoogleApiException"/>.
/// </summary>
public sealed class GoogleCredentials : IDisposable
{
    private readonly Func<CancellationToken, Task<(UserCredential Credential, IDisposable? Owner)>> _load;
    private readonly SemaphoreSlim _loading = new(1, 1);
    private Loaded? _loaded;

    public GoogleCredentials(UserCredential credential, IDisposable? owner = null)
    {
        _loaded = new Loaded(credential, owner);
        _load = _ => Task.FromResult((credential, owner));
    }

    /// <summary>Loads the credential on first use (so a mount starts, and serves its cache, before anyone authorized it).</summary>
    /// <param name="stored">The token file to follow: when `gphotosfs auth` stores a new grant there, the next call uses it (a running mount needs no restart).</param>
    public GoogleCredentials(Func<CancellationToken, Task<(UserCredential Credential, IDisposable? Owner)>> load, TokenFile? stored = null)
    {
        _load = load;
        _stored = stored;
    }

    private readonly TokenFile? _stored;
    private readonly object _watchLock = new();
    private string? _seenFingerprint;
    private int _broken;

    /// <summary>Called once a new grant works after Google had refused the old one (the source's health is ok again).</summary>
    public event Action? AuthRestored;

    /// <summary>Called once when Google refuses the grant, with the message to show.</summary>
    public event Action<string>? AuthBroken;

    public async Task<string> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        var credential = await CredentialAsync(cancellationToken).ConfigureAwait(false);
        var token = await Guard(() => credential.GetAccessTokenForRequestAsync(cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (Interlocked.Exchange(ref _broken, 0) != 0) AuthRestored?.Invoke();
        return token;
    }

    /// <summary>The API said 401: the access token died before its time (revoked, server restart); get a new one.</summary>
    public async Task<string> RefreshAsync(string rejected, CancellationToken cancellationToken)
    {
        var credential = await CredentialAsync(cancellationToken).ConfigureAwait(false);
        return await Guard(async () =>
        {
            // Another request may have refreshed already; refresh only if the rejected token is still current.
            if (credential.Token.AccessToken == rejected)
            {
                await credential.RefreshTokenAsync(cancellationToken).ConfigureAwait(false);
            }

            return credential.Token.AccessToken;
        }).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _loaded?.Owner?.Dispose();
        _loading.Dispose();
    }

    private async Task<UserCredential> CredentialAsync(CancellationToken cancellationToken)
    {
        FollowTokenFile();
        if (_loaded is { } loaded) return loaded.Credential;
        await _loading.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_loaded is null)
            {
                var fingerprint = _stored?.Fingerprint();
                var (credential, owner) = await _load(cancellationToken).ConfigureAwait(false); // a failure is not kept: `gphotosfs auth` may fix it meanwhile
                _loaded = new Loaded(credential, owner);
                lock (_watchLock) _seenFingerprint = fingerprint;
            }

            return _loaded.Credential;
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>
    /// A new grant in the token file (a fresh `gphotosfs auth`) replaces the one in memory. Refreshes
    /// rewrite the file too, so only a different refresh token counts; the file is read only when
    /// its size or time changed, so a call costs one stat.
    /// </summary>
    private void FollowTokenFile()
    {
        if (_stored is null || _loaded is not { } loaded) return;
        var fingerprint = _stored.Fingerprint();
        lock (_watchLock)
        {
            if (fingerprint == _seenFingerprint) return;
            _seenFingerprint = fingerprint;
        }

        if (_stored.ReadRefreshToken() is { } refreshToken && refreshToken != loaded.Credential.Token.RefreshToken)
        {
            // In-flight calls keep the old credential object; the next ones load the new grant.
            Interlocked.CompareExchange(ref _loaded, null, loaded);
        }
    }

    private async Task<string> Guard(Func<Task<string>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (TokenResponseException ex) when (ex.Error?.Error == "invalid_grant")
        {
            var message = $"Google refused gphotosfs's saved authorization (invalid_grant: it was revoked or has expired): {GoogleAuthException.RunAuthAgain}";
            Interlocked.Exchange(ref _broken, 1);
            AuthBroken?.Invoke(message);
            throw new GoogleAuthException(message, ex);
        }
        catch (TokenResponseException ex)
        {
            throw new GoogleApiException(ex.StatusCode is { } status ? (int)status : 0, $"the token server refused a refresh ({ex.Error?.Error})", retryable: true, inner: ex);
        }
        catch (HttpRequestException ex)
        {
            throw new GoogleApiException(0, $"the token server is unreachable ({ex.HttpRequestError})", retryable: true, inner: ex);
        }
    }

    private sealed record Loaded(UserCredential Credential, IDisposable? Owner);
}
