using System.Threading.Channels;
using GPhotosFs.Catalog;
using Microsoft.Extensions.Logging;

namespace GPhotosFs.Originals;

/// <summary>
/// Records what committed originals revealed, hashing each one first when its hash is not yet known.
/// SHA-256 runs at about 0.7 GB/s on these machines, slower than a download, so it is kept off every
/// reader's path: an original is queued only once its last reader has closed it (a reader still
/// streaming the tail of a large video would otherwise share its core with the hasher), and one
/// worker hashes one file at a time, so a cold backup of many files never has every core hashing.
/// </summary>
internal sealed class FactsRecorder : IDisposable
{
    private readonly IOriginalFactsSink _sink;
    private readonly ILogger _logger;
    private readonly Channel<Job> _queue = Channel.CreateUnbounded<Job>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _worker;
    private bool _stopping;

    public FactsRecorder(IOriginalFactsSink sink, ILogger logger)
    {
        _sink = sink;
        _logger = logger;
        _worker = Task.Run(RunAsync);
    }

    /// <summary>A handle whose disposal queues the job: hand it to whatever knows when the readers leave.</summary>
    public IDisposable WhenReleased(long itemId, string displayName, ItemFacts facts, string path) =>
        new QueueOnDispose(this, new Job(itemId, displayName, facts, path));

    /// <summary>
    /// Queues an original read in place: bytes [<paramref name="offset"/>, +<paramref name="length"/>) of
    /// <paramref name="path"/> (a whole file, or a member stored in an archive) are inspected as a
    /// download's verification would (<see cref="OriginalVerifier.Inspect"/>), hashed when <paramref name="hash"/>, and recorded.
    /// </summary>
    public void QueueInPlace(long itemId, string displayName, string path, long offset, long length, string? mimeType, string fileName, bool hash) =>
        _queue.Writer.TryWrite(new Job(itemId, displayName, new ItemFacts(), path, InPlace: new InPlaceOriginal(offset, length, mimeType, fileName, hash)));

    /// <summary>Completes when everything queued so far has been recorded (tests, orderly shutdown).</summary>
    public async Task DrainAsync()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (_queue.Writer.TryWrite(new Job(0, string.Empty, new ItemFacts(), string.Empty, done)))
        {
            await done.Task.ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        // Shutdown does not wait for hashing: what is still queued is recorded without its hash
        // (capture time, camera, GPS are not lost; the hash stays unknown), which takes moments.
        Volatile.Write(ref _stopping, true);
        _queue.Writer.TryComplete();
        _worker.Wait(TimeSpan.FromSeconds(10));
    }

    private async Task RunAsync()
    {
        await foreach (var job in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (job.Done is { } marker)
            {
                marker.TrySetResult();
                continue;
            }

            try
            {
                var facts = job.InPlace is { } inPlace ? Inspect(job.Path, inPlace) : job.Facts;
                if (facts.ContentHash is null && job.InPlace is null && !Volatile.Read(ref _stopping))
                {
                    using var stream = new FileStream(job.Path, FileMode.Open, FileAccess.Read, FileShare.Read, OriginalVerifier.StreamBufferBytes);
                    facts = facts with { ContentHash = OriginalVerifier.ContentHash(stream) };
                }

                _sink.Record(job.ItemId, facts);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Evicted or removed meanwhile: the facts wait for the next download.
                OriginalsLog.FetchFailed(_logger, job.DisplayName, $"could not record its facts: {ex.Message}");
            }
            catch (Exception ex)
            {
                // The sink (the catalog) failed: log it and keep the worker alive for the next file.
                OriginalsLog.FetchFailed(_logger, job.DisplayName, $"could not record its facts: {ex.GetType().Name}: {ex.Message}");
            }
        }
    }

    private ItemFacts Inspect(string path, InPlaceOriginal original)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        using var window = new FileWindow(file, original.Offset, original.Length);
        var facts = OriginalVerifier.Inspect(window, original.MimeType, original.FileName);
        if (!original.Hash || Volatile.Read(ref _stopping)) return facts;
        window.Position = 0;
        return facts with { ContentHash = OriginalVerifier.ContentHash(window) };
    }

    private sealed record Job(long ItemId, string DisplayName, ItemFacts Facts, string Path, TaskCompletionSource? Done = null, InPlaceOriginal? InPlace = null);

    private sealed record InPlaceOriginal(long Offset, long Length, string? MimeType, string FileName, bool Hash);

    private sealed class QueueOnDispose(FactsRecorder recorder, Job job) : IDisposable
    {
        private int _queued;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _queued, 1) == 0)
            {
                recorder._queue.Writer.TryWrite(job);
            }
        }
    }
}
