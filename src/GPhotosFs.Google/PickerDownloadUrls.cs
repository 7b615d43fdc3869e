using System.Collections.Concurrent;
using GPhotosFs.Originals;

namespace GPhotosFs.Google;

/// <summary>
/// Download URLs of picked items: the session's baseUrl with <c>=d</c> (photo) or <c>=dv</c>
/// (video), sent with the user's bearer token. They exist only while a pick runs (a picker
/// baseUrl lives an hour and cannot be renewed once the session is deleted), which is why
/// <c>gphotosfs pick</c> downloads every original at once; afterwards the cache holds them.
/// </summary>
public sealed class PickerDownloadUrls(GoogleCredentials credentials, PickerApi? api = null, string? sessionId = null) : IDownloadUrlProvider
{
    private readonly ConcurrentDictionary<string, string> _baseUrls = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _relisting = new(1, 1);
    private string? _lastToken;

    public void Remember(IEnumerable<PickedMediaItem> items)
    {
        foreach (var item in items)
        {
            if (item.MediaFile?.BaseUrl is { Length: > 0 } url) _baseUrls[item.Id] = url;
        }
    }

    public async ValueTask<DownloadUrl> GetUrlAsync(OriginalKey key, bool refresh, CancellationToken cancellationToken)
    {
        try
        {
            if (refresh && api is not null && sessionId is not null)
            {
                // Refused: the access token or the baseUrl aged. Renew the token, then the session's URLs.
                if (_lastToken is { } rejected) await credentials.RefreshAsync(rejected, cancellationToken).ConfigureAwait(false);
                await _relisting.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    Remember(await api.ListPickedAsync(sessionId, cancellationToken).ConfigureAwait(false));
                }
                finally
                {
                    _relisting.Release();
                }
            }

            if (!_baseUrls.TryGetValue(key.SourceItemId, out var baseUrl))
            {
                throw new OriginException(OriginFailureKind.Permanent,
                    $"'{key.DisplayName}' was picked in an earlier session and is not in the cache; pick it again with `gphotosfs pick`");
            }

            var token = await credentials.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
            _lastToken = token;
            return new DownloadUrl(new Uri(baseUrl + (key.Locator == LibraryDownloadUrls.VideoLocator ? "=dv" : "=d")),
                new Dictionary<string, string> { ["Authorization"] = "Bearer " + token });
        }
        catch (GoogleAuthException ex)
        {
            throw new OriginException(OriginFailureKind.Unauthorized, $"cannot download '{key.DisplayName}': {ex.Message}", inner: ex);
        }
        catch (GoogleApiException ex)
        {
            throw new OriginException(ex.Retryable ? OriginFailureKind.Transient : OriginFailureKind.Permanent, $"cannot download '{key.DisplayName}': {ex.Message}", inner: ex);
        }
    }
}
