using System.Runtime.InteropServices;
using GPhotosFs.Catalog.Health;
using GPhotosFs.Catalog;
using GPhotosFs.IO;
using GPhotosFs.Vfs.Content;
using Microsoft.Extensions.Logging;

namespace GPhotosFs.Originals;

/// <summary>
/// The persistent cache of originals, in front of one source. A complete original lives at
/// <c>&lt;cache&gt;/&lt;its path in the mount&gt;</c> (e.g. <c>photos/2019/07/IMG_1234.jpg</c>) with
/// mtime = capture time, so the cache folder is itself a clean backup tree. Partial downloads live
/// in a separate folder with their range records, survive restarts, and are committed only after
/// verification, atomically (fsync, then rename).
/// </summary>
/// <remarks>
/// <para><b>Concurrency.</b> The engine's locks, outermost first; a thread holding one may take only
/// those below it, never one above (so no cycle, no deadlock):</para>
/// <list type="number">
/// <item><c>CachedOriginals._gate</c>, the registry: guards <c>_downloads</c> and <c>_starting</c>.
/// Under it: dictionary operations and <see cref="OriginalDownload.IsIdle"/> (which takes 3). Never
/// file I/O (open, flock, stat, fsync, rename), never an await, never a log line: every item's open
/// passes through it, so anything slow under it would stall reads of every other item.</item>
/// <item><c>OriginalDownload._checkpointGate</c>, one per download: orders checkpoints (fsync of the
/// data, rewrite of the range record), the record's removal after the commit, and abandoning the
/// partial. File I/O happens under it by design; only that download's checkpointers wait. Never taken
/// under the registry.</item>
/// <item><c>OriginalDownload._gate</c>, one per download: its held ranges, fetches, readers, window
/// and failure (see that class). Held for bookkeeping only: no I/O, no await.</item>
/// <item><c>CacheEvictor._gate</c>: the open marks; a leaf, taken under none of the above.</item>
/// <item><c>BufferBudget._gate</c> (<see cref="Buffers"/>, shared by every engine and the FUSE reads
/// of the mount): a leaf, taken under none of the above. A download rents a chunk's buffer after
/// waiting for room for it and returns it once the chunk is on disk, so it never holds one while
/// it waits for readers (who may be waiting for buffers themselves).</item>
/// </list>
/// <para>Starting a download is file I/O (stopping a failed predecessor, opening and flocking the
/// partial, reading its record): the starter reserves the item in <c>_starting</c> under the
/// registry, does the I/O outside it, and publishes the download under it again; other openers of
/// that one item wait for the reservation, openers of other items do not wait at all. Across
/// processes the partial's exclusive flock decides who downloads (<see cref="PartialBusyException"/>).
/// Counters (<c>_evicting</c>, <c>_evictionRequested</c>, <c>_diskFull</c>,
/// <c>_prefetchPartialBytes</c>) are <see cref="Interlocked"/>; <c>_prefetching</c> is a concurrent dictionary.</para>
/// </remarks>
public sealed class CachedOriginals : IPrefetchingContentSource, ICachingContentSource, IDownloadingContentSource, IDisposable
{
    private readonly string _cacheFolder;
    private readonly string _partialFolder;
    private readonly IOriginOpener _origin;
    private readonly OriginResilience _resilience;
    private readonly OriginalsOptions _options;
    private readonly ILogger _logger;
    private readonly FactsRecorder? _facts;
    private readonly object _gate = new();
    private readonly Dictionary<long, OriginalDownload> _downloads = []; // GUARDED_BY(_gate)
    private readonly Dictionary<long, Task> _starting = []; // GUARDED_BY(_gate): items whose partial is being opened, completed when that is over
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, byte> _prefetching = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, byte> _learnedInPlace = new();
    private readonly SemaphoreSlim _prefetchSlots;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly CacheEvictor? _evictor;
    private readonly CacheHealthStore? _cacheHealth;
    private int _evicting; // Interlocked
    private int _evictionRequested; // Interlocked
    private int _diskFull = -1; // Interlocked: -1 unknown (an earlier run may have recorded it), 0 no, 1 yes
    private long _prefetchPartialBytes; // Interlocked: sizes of the cross-file prefetches running now

    /// <param name="buffers">The budget of read and download buffers, shared by every engine of the library and its mount; null: one of its own, of <see cref="OriginalsOptions.BufferBudgetBytes"/>.</param>
    public CachedOriginals(string cacheFolder, string partialFolder, IOriginOpener origin, OriginResilience resilience, OriginalsOptions options, ILogger logger, IOriginalFactsSink? facts = null,
        CacheHealthStore? cacheHealth = null, SourceAvailability? availability = null, BufferBudget? buffers = null)
    {
        Buffers = buffers ?? new BufferBudget(options.BufferBudgetBytes);
        _cacheFolder = Path.GetFullPath(cacheFolder);
        _origin = availability is null ? origin : new AvailabilityReportingOrigin(origin, availability);
        _resilience = resilience;
        _options = options;
        _logger = logger;
        _cacheHealth = cacheHealth;
        _facts = facts is null ? null : new FactsRecorder(facts, logger);
        _prefetchSlots = new SemaphoreSlim(Math.Max(1, options.PrefetchConcurrency));
        _evictor = options.CacheMaxBytes is { } max ? new CacheEvictor(_cacheFolder, max, logger, cacheHealth) : null;
        CreatePrivateFolder(_cacheFolder);
        _partialFolder = PartialFolderFor(_cacheFolder, Path.GetFullPath(partialFolder));
        if (_partialFolder != Path.GetFullPath(partialFolder))
        {
            OriginalsLog.PartialsInsideCache(logger, _partialFolder, Path.GetFullPath(partialFolder));
        }

        CreatePrivateFolder(_partialFolder);
        RemoveStrayTemps();
    }

    public string CacheFolder => _cacheFolder;

    /// <summary>The budget this engine's download buffers come from.</summary>
    public BufferBudget Buffers { get; }

    CachedOriginals IDownloadingContentSource.Cache => this;
    /// <summary>Opens or resumes an item's partial download (folder, key, length, identity): file I/O, never under the registry. Tests put a stalling double here.</summary>
    internal Func<string, string, long, string, PartialOriginal> PartialOpener { get; init; } = PartialOriginal.OpenOrCreate;

    /// <summary>Where this engine keeps partial downloads: always on the cache's filesystem.</summary>
    public string PartialFolder => _partialFolder;

    /// <summary>
    /// The partial area for a cache: <paramref name="configured"/> when it is on the cache's own
    /// filesystem, else the hidden <see cref="CacheTree.InnerPartialFolderName"/> inside the cache
    /// (a commit is a rename, and a rename never crosses filesystems). The cache folder must exist.
    /// </summary>
    public static string PartialFolderFor(string cacheFolder, string configured) =>
        FileSystemDevice.Of(cacheFolder) == FileSystemDevice.Of(configured)
            ? configured
            : Path.Combine(cacheFolder, CacheTree.InnerPartialFolderName);

    /// <summary>Every item of this source is downloaded.</summary>
    public bool Downloads(ItemRecord item) => true;

    /// <summary>Whether the complete original of <paramref name="item"/> is in the cache (by its size; it is not read).</summary>
    public bool IsCached(ItemRecord item)
    {
        if (item.DirPath is null)
        {
            return false;
        }

        try
        {
            var file = new FileInfo(CachePathOf(item));
            return file.Exists && file.LinkTarget is null && (item.Size is not { } size || file.Length == size);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Raised (on a background thread) after an original is committed into the cache tree.</summary>
    public event Action<ItemRecord>? Committed;

    public OriginResilience Resilience => _resilience;

    /// <summary>Where the complete original of <paramref name="item"/> lives (or will).</summary>
    public string CachePathOf(ItemRecord item) =>
        Path.Combine(_cacheFolder, item.DirPath ?? throw new InvalidOperationException($"item {item.Id} has no assigned path yet"), item.Name!);

    public async ValueTask<IItemContent> OpenAsync(ItemRecord item, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                if (TryOpenCached(item) is { } cached)
                {
                    return cached;
                }

                if (await GetOrStartAsync(item, cancellationToken).ConfigureAwait(false) is { } download)
                {
                    return new DownloadContent(download);
                }

                // Another process committed it meanwhile: open that.
            }
        }
        catch (OriginException ex)
        {
            throw new ContentUnavailableException(ex.Message, ex, reportedElsewhere: ex.Kind == OriginFailureKind.QuotaExhausted);
        }
        catch (IOException ex)
        {
            throw new ContentUnavailableException($"cannot download '{DisplayNameOf(item)}': {ex.Message}", ex);
        }
    }

    /// <summary>Downloads the whole original into the cache (if not there yet) and returns its path.</summary>
    public async Task<string> PrefetchAsync(ItemRecord item, CancellationToken cancellationToken)
    {
        var path = CachePathOf(item);
        bool committing;
        lock (_gate)
        {
            // Renamed into the cache but not yet finished (record, facts): wait for the download, so
            // a caller that got the path also finds the commit done.
            committing = _downloads.ContainsKey(item.Id);
        }

        if (!committing && TryOpenCached(item) is { } cached)
        {
            cached.Dispose();
            return path;
        }

        if (await GetOrStartAsync(item, cancellationToken).ConfigureAwait(false) is not { } download)
        {
            return path; // another process committed it while this one waited
        }

        download.Pin();
        try
        {
            await download.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
            return path;
        }
        finally
        {
            download.Unpin();
        }
    }

    /// <summary>Starts downloading <paramref name="item"/> in the background (at most <see cref="OriginalsOptions.PrefetchConcurrency"/> at once).</summary>
    public void Prefetch(ItemRecord item)
    {
        if (_lifetime.IsCancellationRequested || IsCached(item) || !_prefetching.TryAdd(item.Id, 0))
        {
            return;
        }

        // Downloads nobody asked for yet must not fill the disk: they may take a bounded share of it.
        var size = item.Size ?? 0;
        var budget = _options.PrefetchPartialBytes ?? (DiskSpace.Available(_partialFolder) is { } free ? free / 4 : long.MaxValue);
        if (Interlocked.Add(ref _prefetchPartialBytes, size) > budget)
        {
            Interlocked.Add(ref _prefetchPartialBytes, -size);
            _prefetching.TryRemove(item.Id, out _);
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await _prefetchSlots.WaitAsync(_lifetime.Token).ConfigureAwait(false);
                try
                {
                    await PrefetchAsync(item, _lifetime.Token).ConfigureAwait(false);
                }
                finally
                {
                    _prefetchSlots.Release();
                }
            }
            catch (OperationCanceledException)
            {
                // shutting down
            }
            catch (Exception ex) when (ex is OriginException or IOException or ContentUnavailableException)
            {
                if (ex is not OriginException { Kind: OriginFailureKind.QuotaExhausted }) OriginalsLog.FetchFailed(_logger, DisplayNameOf(item), ex.Message); // a used-up quota is logged once by its source
            }
            finally
            {
                Interlocked.Add(ref _prefetchPartialBytes, -size);
                _prefetching.TryRemove(item.Id, out _);
            }
        });
    }

    /// <summary>Stops every download and makes what they hold durable (for a clean shutdown).</summary>
    public void Dispose()
    {
        _lifetime.Cancel();
        List<OriginalDownload> running;
        lock (_gate)
        {
            running = [.. _downloads.Values];
        }

        // Each stop checkpoints (fsync, record): file I/O, so outside the gate.
        foreach (var download in running)
        {
            StopQuietly(download);
        }

        _facts?.Dispose();
    }

    /// <summary>Completes when the facts of every original committed so far have been recorded (readers having closed them).</summary>
    /// <summary>
    /// An original this source reads in place rather than through the cache (a local Takeout part's
    /// stored member, a file of an extracted export) reveals the same facts a download does (camera,
    /// EXIF time, GPS, hash), learned the same way: once, off the reader's path, the first time it is
    /// opened in a session, unless both its camera and hash are known (a Takeout index may know the hash:
    /// then only the metadata is read, which is cheap; hashing is for items whose hash is unknown).
    /// </summary>
    public void LearnInPlace(ItemRecord item, string path, long offset, long length)
    {
        if (_facts is null || (item.ContentHash is not null && item.CameraMake is not null) || !_learnedInPlace.TryAdd(item.Id, 0))
        {
            return;
        }

        _facts.QueueInPlace(item.Id, DisplayNameOf(item), path, offset, length, item.MimeType, item.FileName, hash: item.ContentHash is null);
    }

    public Task FactsRecordedAsync() => _facts?.DrainAsync() ?? Task.CompletedTask;

    private LocalFileContent? TryOpenCached(ItemRecord item)
    {
        if (item.DirPath is null)
        {
            return null;
        }

        var path = CachePathOf(item);
        try
        {
            var content = new LocalFileContent(File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read), _evictor?.MarkOpen(path));
            if (item.Size is { } size && content.Length != size)
            {
                OriginalsLog.StaleCacheFile(_logger, DisplayNameOf(item), content.Length, size);
                content.Dispose();
                return null;
            }

            if (_evictor is not null)
            {
                CacheEvictor.Touch(path);
            }

            return content;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The running download of <paramref name="item"/>, or a new one; null when another process committed it while this one waited for it.</summary>
    private async Task<OriginalDownload?> GetOrStartAsync(ItemRecord item, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_downloads.TryGetValue(item.Id, out var running) && !running.Completion.IsFaulted)
            {
                return running;
            }
        }

        var key = new OriginalKey(item.Id, item.SourceItemId, item.Locator, DisplayNameOf(item));
        var length = item.Size ?? await ProbeLengthAsync(key, cancellationToken).ConfigureAwait(false);
        var waited = false;
        var lastProgress = (Bytes: -1L, At: DateTimeOffset.MinValue);
        while (true)
        {
            OriginalDownload? gaveUp = null;
            Task? startedElsewhere;
            TaskCompletionSource? starting = null;
            lock (_gate)
            {
                if (_downloads.TryGetValue(item.Id, out var running))
                {
                    if (!running.Completion.IsFaulted)
                    {
                        return running;
                    }

                    // It gave up earlier: start again from what it checkpointed.
                    _downloads.Remove(item.Id);
                    gaveUp = running;
                }

                if (!_starting.TryGetValue(item.Id, out startedElsewhere))
                {
                    starting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    _starting.Add(item.Id, starting.Task);
                }
            }

            if (startedElsewhere is not null)
            {
                // Another caller is opening this item's partial (file I/O, outside the gate): take what it starts.
                StopQuietly(gaveUp);
                await startedElsewhere.WaitAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            string busyPath;
            try
            {
                // This caller alone starts the item now: the file I/O below (stop's checkpoint, stat,
                // open, flock, reading the record) runs outside the gate, so reads of other items never wait for it.
                StopQuietly(gaveUp);
                if (waited && IsCached(item))
                {
                    return null;
                }

                var identity = $"{item.SourceId}/{item.SourceItemId}/{length}";
                PartialOriginal partial;
                try
                {
                    partial = PartialOpener(_partialFolder, item.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), length, identity);
                }
                catch (PartialBusyException busy)
                {
                    busyPath = busy.DataPath;
                    goto wait;
                }
                catch (IOException ex) when (DiskSpace.IsFull(ex))
                {
                    throw DiskFull(DisplayNameOf(item), ex);
                }

                var download = new OriginalDownload(key, partial, _origin, _resilience, _options, _logger, d => CommitAsync(d, item), ex => OnDiskFull(DisplayNameOf(item), ex), Buffers);
                lock (_gate)
                {
                    _downloads.Add(item.Id, download);
                }

                if (length == 0)
                {
                    download.Pin();
                    download.Unpin();
                }

                return download;
            }
            finally
            {
                lock (_gate)
                {
                    _starting.Remove(item.Id);
                }

                starting!.TrySetResult();
            }

        wait:
            // Another gphotosfs process (a prefetch beside the daemon, or the daemon beside a prefetch)
            // is downloading this original: wait for its commit, or for its lock to go (then resume from
            // its checkpoint), as long as it makes progress.
            if (!waited)
            {
                OriginalsLog.WaitingForOtherProcess(_logger, DisplayNameOf(item));
                waited = true;
            }

            var now = _resilience.Time.GetUtcNow();
            var bytes = PartialOriginal.AllocatedBytes(busyPath);
            if (bytes != lastProgress.Bytes)
            {
                lastProgress = (bytes, now);
            }
            else if (now - lastProgress.At > _options.StallDeadline)
            {
                throw new OriginException(OriginFailureKind.Transient,
                    $"'{DisplayNameOf(item)}' is being downloaded by another gphotosfs process, which made no progress for {_options.StallDeadline.TotalSeconds:0} s; stop it (or let it finish) and read again");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), _resilience.Time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<long> ProbeLengthAsync(OriginalKey key, CancellationToken cancellationToken)
    {
        var response = await _resilience.ExecuteAsync(ct => _origin.OpenRangeAsync(key, 0, 1, ct), cancellationToken).ConfigureAwait(false);
        await using (response.ConfigureAwait(false))
        {
            return response.TotalLength;
        }
    }

    /// <summary>
    /// Verify, fsync, then rename into the cache tree; the partial record goes last. The rename is
    /// rename(2) itself: it is atomic, and when it cannot be (another filesystem) it fails and the
    /// original stays a partial, never a copy under its final name.
    /// </summary>
    private Task CommitAsync(OriginalDownload download, ItemRecord item)
    {
        var partial = download.Partial;
        var target = CachePathOf(item);
        ItemFacts facts;
        try
        {
            facts = OriginalVerifier.Verify(partial.Handle, partial.Length, item.ContentHash, item.MimeType, item.FileName, _options.RequireReadableMedia);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            OriginalsLog.VerificationFailed(_logger, DisplayNameOf(item), ex.Message);
            OriginalsMetrics.FailedVerification(DisplayNameOf(item), ex.Message);
            partial.DeleteAll();
            download.Fail(new OriginException(OriginFailureKind.Permanent, $"'{DisplayNameOf(item)}' failed verification after download: {ex.Message}", inner: ex));
            Forget(item);
            return Task.CompletedTask;
        }

        try
        {
            download.MarkVerified(); // readers may have their last byte; durability follows
            download.Checkpoint(); // fsyncs the data: what is renamed below is on the disk
            var folder = Path.GetDirectoryName(target)!;
            CreatePrivateFolder(folder);
            File.SetLastWriteTimeUtc(partial.Handle, item.ShownTime.UtcDateTime);
            // Unlock before the rename: the moment the file appears in the cache, a reader may open it
            // (taking a shared lock). Until the download leaves the registry, opens here reach it anyway.
            partial.ReleaseLock();
            if (_evictor is not null)
            {
                // Readers still on the download are reading this very file: it counts as open.
                download.HoldUntilReadersLeave(_evictor.MarkOpen(target));
            }

            AtomicRename(partial.DataPath, target);
            download.CommittedPath = target;
            Libc.FsyncFolder(folder);
            download.DiscardRecord();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Verified but not placed (a full disk, another filesystem): it stays a partial, and the
            // next read or prefetch commits it without downloading it again.
            var failure = DiskSpace.IsFull(ex) ? DiskFull(DisplayNameOf(item), ex) : ex;
            OriginalsLog.FetchFailed(_logger, DisplayNameOf(item), $"could not be placed in the cache: {failure.Message}");
            download.Fail(new OriginException(OriginFailureKind.Transient, $"'{DisplayNameOf(item)}' could not be placed in the cache: {failure.Message}", inner: failure));
            Forget(item);
            download.HoldUntilReadersLeave(partial); // the next attempt opens the partial afresh
            return Task.CompletedTask;
        }

        OriginalsLog.Committed(_logger, DisplayNameOf(item), partial.Length, target);
        OriginalsMetrics.Committed(partial.Length);
        if (_facts is not null)
        {
            // Hashed and recorded once the readers still streaming this file have closed it.
            download.HoldUntilReadersLeave(_facts.WhenReleased(item.Id, DisplayNameOf(item), facts, target));
        }

        download.Succeed();
        Forget(item);
        // The data file is the cached original now: close the download's handle once its readers
        // are done (an evicted or deleted original must free its space at once).
        download.HoldUntilReadersLeave(partial);
        SpaceIsFine();
        Committed?.Invoke(item);
        EnforceCacheLimit();
        return Task.CompletedTask;
    }

    /// <summary>Readers holding the download keep its handle; new opens find the committed file (or start over).</summary>
    private void Forget(ItemRecord item)
    {
        lock (_gate)
        {
            _downloads.Remove(item.Id);
        }
    }

    private static void StopQuietly(OriginalDownload? download)
    {
        if (download is null)
        {
            return;
        }

        try
        {
            download.Stop();
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // Its record could not be written (a full disk): the last good one stands.
        }
    }

    /// <summary>
    /// A write into the cache's disk failed for lack of space: reclaim what is abandoned (partials no
    /// process is writing, idle downloads nobody reads) and say whether to try again. Called by downloads.
    /// </summary>
    private bool OnDiskFull(string item, Exception ex)
    {
        var reclaimed = ReclaimPartials();
        if (reclaimed > 0)
        {
            OriginalsLog.Removed(_logger, $"{reclaimed} bytes of abandoned partial downloads to make room for", $"'{item}'");
            return true;
        }

        throw DiskFull(item, ex);
    }

    /// <summary>Removes partials nobody downloads: idle downloads of this process, and unlocked files of earlier runs. Returns the bytes freed.</summary>
    private long ReclaimPartials()
    {
        List<OriginalDownload> idle;
        lock (_gate)
        {
            idle = _downloads.Where(d => d.Value.IsIdle).Select(d => d.Value).ToList();
            foreach (var download in idle)
            {
                _downloads.Remove(download.Key.ItemId);
            }
        }

        long freed = 0;
        foreach (var download in idle)
        {
            freed += PartialOriginal.AllocatedBytes(download.Partial.DataPath);
            download.Abandon();
        }

        HashSet<string> live;
        lock (_gate)
        {
            // A partial being opened right now counts as live too (its flock may not be taken yet).
            live = _downloads.Keys.Concat(_starting.Keys).Select(k => k.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        }

        freed += PartialOriginal.RemoveAbandoned(_partialFolder, live.Contains).Sum(r => r.Bytes);
        return freed;
    }

    /// <summary>Logs and records (once) that the cache disk is full; returns the exception readers get.</summary>
    private CacheDiskFullException DiskFull(string item, Exception ex)
    {
        var message = $"no space left on the disk holding the cache {_cacheFolder} (while writing '{item}'): free space on it, or set cache_max_size; reads of files not yet cached fail until then";
        if (Interlocked.Exchange(ref _diskFull, 1) != 1)
        {
            OriginalsLog.DiskFull(_logger, message);
            _cacheHealth?.RecordDiskFull(message);
        }

        return ex as CacheDiskFullException ?? new CacheDiskFullException(message, ex);
    }

    /// <summary>A commit succeeded: the disk has room again (clears what this or an earlier run recorded).</summary>
    private void SpaceIsFine()
    {
        var previous = Interlocked.Exchange(ref _diskFull, 0);
        if (previous == 0 || _cacheHealth is null)
        {
            return;
        }

        if (previous == 1 || _cacheHealth.Read().DiskFull is not null)
        {
            OriginalsLog.DiskRoomAgain(_logger);
            _cacheHealth.ClearDiskFull();
        }
    }

    /// <summary>Temp files left in the cache tree by a crash (an older version copied across filesystems), and torn records.</summary>
    private void RemoveStrayTemps()
    {
        try
        {
            foreach (var temp in CacheTree.EnumerateStrayTemps(_cacheFolder).ToList())
            {
                File.Delete(temp);
                OriginalsLog.Removed(_logger, "a stray temp file", temp);
            }

            // A record being written right now by another process (a daemon beside this prefetch) is young.
            foreach (var temp in Directory.EnumerateFiles(_partialFolder, "*.tmp").Where(t => DateTime.UtcNow - File.GetLastWriteTimeUtc(t) > TimeSpan.FromMinutes(5)).ToList())
            {
                File.Delete(temp);
                OriginalsLog.Removed(_logger, "a torn range record", temp);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Another start does it again; nothing here is ever served.
        }
    }

    /// <summary>One eviction pass at a time, off the commit path; a commit during a pass makes it run once more.</summary>
    private void EnforceCacheLimit()
    {
        if (_evictor is null)
        {
            return;
        }

        Volatile.Write(ref _evictionRequested, 1);
        if (Interlocked.Exchange(ref _evicting, 1) != 0)
        {
            return;
        }

        _ = Task.Run(() =>
        {
            try
            {
                while (Interlocked.Exchange(ref _evictionRequested, 0) == 1)
                {
                    _evictor.EnforceLimit();
                }
            }
            finally
            {
                Volatile.Write(ref _evicting, 0);
            }

            // Requested after the last check, while still marked busy: run for it.
            if (Volatile.Read(ref _evictionRequested) == 1)
            {
                EnforceCacheLimit();
            }
        });
    }

    /// <summary>
    /// How logs and errors name an item: its path in the mount (sanitized, so a hostile name cannot
    /// inject control characters into a log, and what the user can find).
    /// </summary>
    private static string DisplayNameOf(ItemRecord item) =>
        item.DirPath is null ? $"item {item.Id}" : $"{item.DirPath}/{item.Name}";

    /// <summary>rename(2), replacing the target atomically; across filesystems it fails (EXDEV) instead of copying.</summary>
    private static void AtomicRename(string source, string target)
    {
        if (Libc.Rename(source, target) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            var reason = errno switch
            {
                Libc.EXDEV => $"{Path.GetDirectoryName(source)} and {Path.GetDirectoryName(target)} are on different filesystems",
                Libc.ENOSPC => "No space left on device",
                _ => Marshal.GetPInvokeErrorMessage(errno),
            };
            throw new IOException($"cannot rename {source} to {target}: {reason}", errno);
        }
    }

    /// <summary>Every folder it makes is 0700 (photos/, photos/2019/ too, not only the last one).</summary>
    private static void CreatePrivateFolder(string folder) => GPhotosFs.Catalog.PrivateFiles.EnsureDirectory(folder);
}
