using System.Collections.Concurrent;
using System.Threading.Channels;
using GPhotosFs.Originals;

namespace GPhotosFs.Google;

/// <summary>
/// Download URLs of Library API items: <c>baseUrl=d</c> for photos, <c>baseUrl=dv</c> for videos.
/// baseUrls live about an hour and are never stored in the catalog: they come from the listing a
/// sync just made, else from mediaItems.batchGet. Requests for URLs are gathered for a moment and
/// sent 50 ids per batchGet, so a folder of 1,000 files opened at once costs 20 calls, not 1,000.
/// </summary>
public sealed class LibraryDownloadUrls : IDownloadUrlProvider, IDisposable
{
    public const string PhotoLocator = "photo";
    public const string VideoLocator = "video";

    private readonly ConcurrentDictionary<string, (string BaseUrl, DateTimeOffset Fetched)> _known = new(StringComparer.Ordinal);
    private readonly Channel<(string Id, TaskCompletionSource<string>? Url)> _requests = Channel.CreateUnbounded<(string, TaskCompletionSource<string>?)>();
    private readonly ConcurrentDictionary<string, byte> _queued = new(StringComparer.Ordinal);
    private readonly LibraryApi _api;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly SemaphoreSlim _batches = new(4, 4);
    private readonly Task _batcher;

    public LibraryDownloadUrls(LibraryApi api, TimeProvider? time = null)
    {
        _api = api;
        _time = time ?? TimeProvider.System;
        _batcher = Task.Run(BatchLoopAsync);
    }

    /// <summary>How long a listed baseUrl is used before asking for a fresh one (Google's last about 60 minutes).</summary>
    public TimeSpan MaxAge { get; init; } = TimeSpan.FromMinutes(50);

    /// <summary>How long a request waits for others to share its batchGet.</summary>
    public TimeSpan GatherWindow { get; init; } = TimeSpan.FromMilliseconds(5);

    public long BatchGetCalls => Interlocked.Read(ref _batchGetCalls);

    /// <summary>
    /// Items likely read next after a given one (the rest of its folder, in order): a miss fetches
    /// their URLs in the same batchGet, so reading a folder file by file (rsync, cp) costs one call
    /// per 50 files rather than one per file.
    /// </summary>
    public Func<OriginalKey, int, IEnumerable<string>>? Neighbors { get; set; }

    private long _batchGetCalls;

    /// <summary>Keeps the baseUrls of a listing just received.</summary>
    public void Remember(IEnumerable<MediaItem> items)
    {
        var now = _time.GetUtcNow();
        foreach (var item in items)
        {
            if (item.BaseUrl is { Length: > 0 } url) _known[item.Id] = (url, now);
        }
    }

    public static string LocatorOf(bool isVideo) => isVideo ? VideoLocator : PhotoLocator;

    public async ValueTask<DownloadUrl> GetUrlAsync(OriginalKey key, bool refresh, CancellationToken cancellationToken)
    {
        string baseUrl;
        if (!refresh && _known.TryGetValue(key.SourceItemId, out var known) && _time.GetUtcNow() - known.Fetched < MaxAge)
        {
            baseUrl = known.BaseUrl;
        }
        else
        {
            var pending = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            await _requests.Writer.WriteAsync((key.SourceItemId, pending), cancellationToken).ConfigureAwait(false);
            if (Neighbors is { } neighbors)
            {
                var now = _time.GetUtcNow();
                foreach (var id in neighbors(key, LibraryApi.BatchGetLimit - 1))
                {
                    var fresh = _known.TryGetValue(id, out var n) && now - n.Fetched < MaxAge;
                    if (!fresh && _queued.TryAdd(id, 0)) _requests.Writer.TryWrite((id, null));
                }
            }
            try
            {
                baseUrl = await pending.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (GoogleQuotaException ex)
            {
                var wait = (ex.RecheckAt ?? _time.GetUtcNow()) - _time.GetUtcNow();
                throw new OriginException(OriginFailureKind.QuotaExhausted, $"no download URL for '{key.DisplayName}': {ex.Message}", wait > TimeSpan.FromSeconds(1) ? wait : TimeSpan.FromSeconds(1), ex);
            }
            catch (GoogleAuthException ex)
            {
                throw new OriginException(OriginFailureKind.Unauthorized, $"no download URL for '{key.DisplayName}': {ex.Message}", inner: ex);
            }
            catch (GoogleApiException ex)
            {
                throw new OriginException(ex.Retryable ? OriginFailureKind.Transient : OriginFailureKind.Permanent, $"no download URL for '{key.DisplayName}': {ex.Message}", inner: ex);
            }
            catch (KeyNotFoundException ex)
            {
                throw new OriginException(OriginFailureKind.Permanent, $"'{key.DisplayName}' is no longer in Google Photos ({ex.Message})", inner: ex);
            }
        }

        return new DownloadUrl(new Uri(baseUrl + (key.Locator == VideoLocator ? "=dv" : "=d")));
    }

    public void Dispose()
    {
        _lifetime.Cancel();
        _requests.Writer.TryComplete();
        try
        {
            _batcher.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // cancelled
        }

        _lifetime.Dispose();
    }

    private async Task BatchLoopAsync()
    {
        var reader = _requests.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_lifetime.Token).ConfigureAwait(false))
            {
                var batch = new Dictionary<string, List<TaskCompletionSource<string>>>(StringComparer.Ordinal);
                void Drain()
                {
                    while (batch.Count < LibraryApi.BatchGetLimit && reader.TryRead(out var request))
                    {
                        if (!batch.TryGetValue(request.Id, out var waiters)) batch[request.Id] = waiters = [];
                        if (request.Url is not null) waiters.Add(request.Url); // none: fetched along, for a read to come
                    }
                }

                Drain();
                if (batch.Count < LibraryApi.BatchGetLimit)
                {
                    await Task.Delay(GatherWindow, _lifetime.Token).ConfigureAwait(false);
                    Drain();
                }

                await _batches.WaitAsync(_lifetime.Token).ConfigureAwait(false);
                _ = Task.Run(async () =>
                {
                    try
                    {
                        await FetchAsync(batch).ConfigureAwait(false);
                    }
                    finally
                    {
                        _batches.Release();
                    }
                });
            }
        }
        catch (OperationCanceledException)
        {
            // disposed
        }

        while (reader.TryRead(out var left))
        {
            left.Url?.TrySetCanceled();
        }
    }

    private async Task FetchAsync(Dictionary<string, List<TaskCompletionSource<string>>> batch)
    {
        var ids = batch.Keys.ToList();
        foreach (var id in ids) _queued.TryRemove(id, out _);
        try
        {
            Interlocked.Increment(ref _batchGetCalls);
            var response = await _api.BatchGetAsync(ids, _lifetime.Token).ConfigureAwait(false);
            var results = response.MediaItemResults ?? [];
            var now = _time.GetUtcNow();
            for (var i = 0; i < ids.Count; i++)
            {
                // Results come in request order; an item may also say which id it is.
                var result = i < results.Count ? results[i] : null;
                if (result?.MediaItem is { BaseUrl: { Length: > 0 } url } item)
                {
                    _known[item.Id] = (url, now);
                    foreach (var waiter in batch[ids[i]]) waiter.TrySetResult(url);
                }
                else
                {
                    var why = result?.Status?.Message ?? "batchGet returned no item";
                    foreach (var waiter in batch[ids[i]]) waiter.TrySetException(new KeyNotFoundException(why));
                }
            }
        }
        catch (Exception ex)
        {
            foreach (var waiter in batch.Values.SelectMany(w => w)) waiter.TrySetException(ex);
        }
    }
}
