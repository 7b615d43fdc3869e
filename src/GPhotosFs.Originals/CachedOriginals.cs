using System.Runtime.InteropServices;
using GPhotosFs.Catalog;
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
public sealed class CachedOriginals : IPrefetchingContentSource, IDisposable
{
    private readonly string _cacheFolder;
    private readonly string _partialFolder;
    private readonly IOriginOpener _origin;
    private readonly OriginResilience _resilience;
    private readonly OriginalsOptions _options;
    private readonly ILogger _logger;
    private readonly FactsRecorder? _facts;
    private readonly Dictionary<long, OriginalDownload> _downloads = [];
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, byte> _prefetching = new();
    private readonly SemaphoreSlim _prefetchSlots;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly CacheEvictor? _evictor;
    private int _evicting;
    private readonly object _gate = new();

    public CachedOriginals(string cacheFolder, string partialFolder, IOriginOpener origin, OriginResilience resilience, OriginalsOptions options, ILogger logger, IOriginalFactsSink? facts = null)
    {
        _cacheFolder = Path.GetFullPath(cacheFolder);
        _partialFolder = Path.GetFullPath(partialFolder);
        _origin = origin;
        _resilience = resilience;
        _options = options;
        _logger = logger;
        _facts = facts is null ? null : new FactsRecorder(facts, logger);
        _prefetchSlots = new SemaphoreSlim(Math.Max(1, options.PrefetchConcurrency));
        _evictor = options.CacheMaxBytes is { } max ? new CacheEvictor(_cacheFolder, max, logger) : null;
        CreatePrivateFolder(_cacheFolder);
        CreatePrivateFolder(_partialFolder);
    }

    public string CacheFolder => _cacheFolder;

    /// <summary>Raised (on a background thread) after an original is committed into the cache tree.</summary>
    public event Action<ItemRecord>? Committed;

    public OriginResilience Resilience => _resilience;

    /// <summary>Where the complete original of <paramref name="item"/> lives (or will).</summary>
    public string CachePathOf(ItemRecord item) =>
        Path.Combine(_cacheFolder, item.DirPath ?? throw new InvalidOperationException($"item {item.Id} has no assigned path yet"), item.Name!);

    public async ValueTask<IItemContent> OpenAsync(ItemRecord item, CancellationToken cancellationToken)
    {
        if (TryOpenCached(item) is { } cached)
        {
            return cached;
        }

        try
        {
            var download = await GetOrStartAsync(item, cancellationToken).ConfigureAwait(false);
            return new DownloadContent(download);
        }
        catch (OriginException ex)
        {
            throw new ContentUnavailableException(ex.Message, ex);
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

        var download = await GetOrStartAsync(item, cancellationToken).ConfigureAwait(false);
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
        if (_lifetime.IsCancellationRequested || !_prefetching.TryAdd(item.Id, 0))
        {
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
                OriginalsLog.FetchFailed(_logger, DisplayNameOf(item), ex.Message);
            }
            finally
            {
                _prefetching.TryRemove(item.Id, out _);
            }
        });
    }

    /// <summary>Stops every download and makes what they hold durable (for a clean shutdown).</summary>
    public void Dispose()
    {
        _lifetime.Cancel();
        lock (_gate)
        {
            foreach (var download in _downloads.Values)
            {
                download.Stop();
            }
        }

        _facts?.Dispose();
    }

    /// <summary>Completes when the facts of every original committed so far have been recorded (readers having closed them).</summary>
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

            return content;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    private async Task<OriginalDownload> GetOrStartAsync(ItemRecord item, CancellationToken cancellationToken)
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
                running.Stop();
            }

            var identity = $"{item.SourceId}/{item.SourceItemId}/{length}";
            var partial = PartialOriginal.OpenOrCreate(_partialFolder, item.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), length, identity);
            var download = new OriginalDownload(key, partial, _origin, _resilience, _options, _logger, d => CommitAsync(d, item));
            _downloads.Add(item.Id, download);
            if (length == 0)
            {
                download.Pin();
                download.Unpin();
            }

            return download;
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

    /// <summary>Verify, then fsync and rename into the cache tree; the partial record goes last.</summary>
    private Task CommitAsync(OriginalDownload download, ItemRecord item)
    {
        var partial = download.Partial;
        var target = CachePathOf(item);
        try
        {
            var facts = OriginalVerifier.Verify(partial.Handle, partial.Length, item.ContentHash, item.MimeType, item.FileName, _options.RequireReadableMedia);
            download.MarkVerified(); // readers may have their last byte; durability follows
            download.Checkpoint();
            var folder = Path.GetDirectoryName(target)!;
            CreatePrivateFolder(folder);
            File.SetLastWriteTimeUtc(partial.Handle, (item.CaptureTime ?? DateTimeOffset.UnixEpoch).UtcDateTime);
            // Unlock before the rename: the moment the file appears in the cache, a reader may open it
            // (taking a shared lock). Until the download leaves the registry, opens here reach it anyway.
            partial.ReleaseLock();
            if (_evictor is not null)
            {
                // Readers still on the download are reading this very file: it counts as open.
                download.HoldUntilReadersLeave(_evictor.MarkOpen(target));
            }

            MoveIntoPlace(partial.DataPath, target);
            FsyncFolder(folder);
            download.DiscardRecord();
            OriginalsLog.Committed(_logger, DisplayNameOf(item), partial.Length, target);
            OriginalsMetrics.Committed(partial.Length);
            if (_facts is not null)
            {
                // Hashed and recorded once the readers still streaming this file have closed it.
                download.HoldUntilReadersLeave(_facts.WhenReleased(item.Id, DisplayNameOf(item), facts, target));
            }

            download.Succeed();
            Committed?.Invoke(item);
            EnforceCacheLimit();
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            OriginalsLog.VerificationFailed(_logger, DisplayNameOf(item), ex.Message);
            OriginalsMetrics.FailedVerification(DisplayNameOf(item), ex.Message);
            partial.DeleteAll();
            download.Fail(new OriginException(OriginFailureKind.Permanent, $"'{DisplayNameOf(item)}' failed verification after download: {ex.Message}", inner: ex));
        }
        finally
        {
            lock (_gate)
            {
                // Readers holding the download keep its handle; new opens find the committed file
                // (or, after a failed verification, start over).
                _downloads.Remove(item.Id);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>One eviction pass at a time, off the commit path.</summary>
    private void EnforceCacheLimit()
    {
        if (_evictor is null || Interlocked.Exchange(ref _evicting, 1) != 0)
        {
            return;
        }

        _ = Task.Run(() =>
        {
            try
            {
                _evictor.EnforceLimit();
            }
            finally
            {
                Volatile.Write(ref _evicting, 0);
            }
        });
    }

    /// <summary>
    /// How logs and errors name an item: its path in the mount (sanitized, so a hostile name cannot
    /// inject control characters into a log, and what the user can find).
    /// </summary>
    private static string DisplayNameOf(ItemRecord item) =>
        item.DirPath is null ? $"item {item.Id}" : $"{item.DirPath}/{item.Name}";

    /// <summary>rename(2) within one filesystem; across filesystems, copy beside the target first so the rename stays atomic.</summary>
    private static void MoveIntoPlace(string source, string target)
    {
        try
        {
            File.Move(source, target, overwrite: true);
        }
        catch (IOException) when (Path.GetPathRoot(source) is not null && !SameFileSystem(source, Path.GetDirectoryName(target)!))
        {
            var temp = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.gphotosfs-tmp");
            File.Copy(source, temp, overwrite: true);
            using (var handle = File.OpenHandle(temp, FileMode.Open, FileAccess.ReadWrite))
            {
                RandomAccess.FlushToDisk(handle);
            }

            File.SetLastWriteTimeUtc(temp, File.GetLastWriteTimeUtc(source));
            File.Move(temp, target, overwrite: true);
            File.Delete(source);
        }
    }

    private static bool SameFileSystem(string a, string b) => DeviceOf(a) == DeviceOf(b);

    private static ulong DeviceOf(string path)
    {
        var buffer = new byte[144];
        return Stat(path, buffer) == 0 ? BitConverter.ToUInt64(buffer, 0) : ulong.MaxValue;
    }

    private static void CreatePrivateFolder(string folder)
    {
        if (!Directory.Exists(folder))
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>Makes the rename itself durable.</summary>
    private static void FsyncFolder(string folder)
    {
        var fd = Open(folder, 0x10000 /* O_DIRECTORY */ | 0x80000 /* O_CLOEXEC */);
        if (fd >= 0)
        {
            Fsync(fd);
            Close(fd);
        }
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync")]
    private static extern int Fsync(int fd);

    [DllImport("libc", EntryPoint = "close")]
    private static extern int Close(int fd);

    [DllImport("libc", EntryPoint = "stat", SetLastError = true)]
    private static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] buffer);
}
