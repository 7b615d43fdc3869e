using System.Collections.Concurrent;
using GPhotosFs.Originals;

namespace GPhotosFs.Google;

/// <summary>
/// For items whose size the catalog does not know (picked items: the Picker API gives none), the
/// download engine first asks for one byte to learn the size, then for the bytes: two media
/// requests. Here the size probe opens the whole original instead, answers the probe with its
/// length, and hands that same open response to the download that follows from byte 0: one media
/// request per item, as Google counts them. An unclaimed response is closed after a short while.
/// </summary>
public sealed class SizeFromDownloadOrigin(IOriginOpener inner, TimeProvider? time = null) : IOriginOpener, IDisposable
{
    private static readonly TimeSpan Unclaimed = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<long, (OriginResponse Response, DateTimeOffset At)> _parked = new();
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public async Task<OriginResponse> OpenRangeAsync(OriginalKey key, long offset, long? length, CancellationToken cancellationToken)
    {
        await DropStaleAsync().ConfigureAwait(false);
        if (_parked.TryRemove(key.ItemId, out var parked))
        {
            if (offset == 0 && length is not 1)
            {
                return parked.Response; // the probe's request, still at byte 0: the download reads on from there
            }

            await parked.Response.DisposeAsync().ConfigureAwait(false);
        }

        if (offset != 0 || length != 1)
        {
            return await inner.OpenRangeAsync(key, offset, length, cancellationToken).ConfigureAwait(false);
        }

        // A size probe: open the whole original, keep it for the download, answer with the length only.
        var whole = await inner.OpenRangeAsync(key, 0, null, cancellationToken).ConfigureAwait(false);
        if (whole.Offset != 0)
        {
            return whole;
        }

        _parked[key.ItemId] = (whole, _time.GetUtcNow());
        return new OriginResponse(Stream.Null, 0, whole.TotalLength);
    }

    public void Dispose()
    {
        foreach (var id in _parked.Keys)
        {
            if (_parked.TryRemove(id, out var parked)) parked.Response.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private async Task DropStaleAsync()
    {
        var now = _time.GetUtcNow();
        foreach (var (id, parked) in _parked)
        {
            if (now - parked.At > Unclaimed && _parked.TryRemove(id, out var stale))
            {
                await stale.Response.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
