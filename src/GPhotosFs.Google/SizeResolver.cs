using System.Collections.Concurrent;
using GPhotosFs.Originals;
using Microsoft.Extensions.Logging;

namespace GPhotosFs.Google;

/// <summary>
/// The Library API gives no file size, and the mount never shows a guessed one, so after a sync
/// each new item's size is asked of its bytes: a one-byte Range request whose Content-Range names
/// the total, many at once. One media request per item; a spent quota stops it (the rest wait for tomorrow).
/// </summary>
public sealed class SizeResolver(IOriginOpener origin, ILogger logger, int parallelism = 16)
{
    /// <summary>The size of each item it could learn (catalog id → bytes); failures are logged and left out.</summary>
    public async Task<SizeResults> ResolveAsync(IReadOnlyList<OriginalKey> keys, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var sizes = new ConcurrentDictionary<long, long>();
        string? stopReason = null;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        long done = 0;
        try
        {
            await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = stop.Token }, async (key, ct) =>
            {
                try
                {
                    sizes[key.ItemId] = await ProbeAsync(key, ct).ConfigureAwait(false);
                }
                catch (OriginException ex) when (ex.Kind == OriginFailureKind.QuotaExhausted)
                {
                    stopReason = ex.Message;
                    await stop.CancelAsync().ConfigureAwait(false);
                }
                catch (OriginException ex)
                {
                    GoogleLog.SizeFailed(logger, key.DisplayName, ex.Message);
                }

                progress?.Report(Interlocked.Increment(ref done));
            }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // stopped by a spent quota
        }

        return new SizeResults(sizes, keys.Count - sizes.Count, stopReason);
    }

    /// <summary>Retries what waiting cures (throttling, 5xx, an expired URL) a few times, as the download engine would.</summary>
    private async Task<long> ProbeAsync(OriginalKey key, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var response = await origin.OpenRangeAsync(key, 0, 1, cancellationToken).ConfigureAwait(false);
                return response.TotalLength;
            }
            catch (OriginException ex) when (attempt < 6 && ex.Kind is OriginFailureKind.Throttled or OriginFailureKind.Transient or OriginFailureKind.Expired)
            {
                var delay = ex.RetryAfter ?? TimeSpan.FromMilliseconds(250 * Math.Pow(2, attempt));
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}

/// <param name="Failed">Items whose size is still unknown.</param>
/// <param name="StoppedBecause">Set when a spent quota stopped the work.</param>
public sealed record SizeResults(IReadOnlyDictionary<long, long> Sizes, int Failed, string? StoppedBecause);
