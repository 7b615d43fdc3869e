using GPhotosFs.Catalog.Health;
using Microsoft.Extensions.Logging;

namespace GPhotosFs.Originals;

/// <summary>
/// Keeps the cache under a size limit, when one is set (by default there is none: the cache is the
/// backup). Evicts the least recently used complete originals that nobody has open, exactly enough
/// to fit, logging each one; an evicted original is downloaded again when next read. Recency is the
/// file's access time, which the engine sets itself when it serves a cached file (relatime would
/// keep it only to the day). Album links, temp files and the partial area are never counted nor
/// deleted. Each pass is recorded in the cache's health, so <c>status</c> can say the cache is no
/// longer a complete copy of the library.
/// </summary>
/// <remarks>
/// Concurrency: <c>_gate</c> guards <c>_open</c>, the open marks. An eviction checks the mark and
/// unlinks the file under it, so a file marked open is never deleted; a <see cref="MarkOpen"/> may
/// therefore wait for one unlink. It is a leaf in the engine's lock order (see <see cref="CachedOriginals"/>):
/// nothing else is taken under it, and it is taken under none of the engine's other locks.
/// </remarks>
internal sealed class CacheEvictor(string cacheFolder, long maxBytes, ILogger logger, CacheHealthStore? health)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, int> _open = new(StringComparer.Ordinal); // GUARDED_BY(_gate)

    public IDisposable MarkOpen(string path)
    {
        lock (_gate)
        {
            _open[path] = _open.GetValueOrDefault(path) + 1;
        }

        return new OpenMark(this, path);
    }

    /// <summary>Notes a use of a cached original, for least-recently-used order.</summary>
    public static void Touch(string path)
    {
        try
        {
            File.SetLastAccessTimeUtc(path, DateTime.UtcNow);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Only the eviction order suffers.
        }
    }

    /// <summary>Evicts until the cache fits; returns how many bytes were freed.</summary>
    public long EnforceLimit()
    {
        // One consistent snapshot of (path, length, last use), taken before anything is deleted: the
        // count that decides how much to delete never depends on files that are already gone.
        List<(string Path, long Length, DateTime LastUse)> files;
        try
        {
            files = CacheTree.EnumerateOriginals(cacheFolder)
                .Select(f => (f.FullName, f.Length, f.LastAccessTimeUtc))
                .ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            OriginalsLog.EvictionSkipped(logger, ex.Message);
            return 0;
        }

        var total = files.Sum(f => f.Length);
        long freed = 0;
        long firstLength = 0;
        var evicted = 0;
        foreach (var (path, length, lastUse) in files.OrderBy(f => f.LastUse).ThenBy(f => f.Path, StringComparer.Ordinal))
        {
            if (total - freed <= maxBytes)
            {
                break;
            }

            lock (_gate)
            {
                if (_open.ContainsKey(path))
                {
                    continue;
                }

                try
                {
                    File.Delete(path);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    OriginalsLog.EvictionSkipped(logger, ex.Message);
                    continue;
                }
            }

            freed += length;
            evicted++;
            OriginalsLog.EvictedOne(logger, Path.GetRelativePath(cacheFolder, path), length, lastUse);
            if (evicted == 1)
            {
                // Recorded at once, not after the pass: a daemon stopped or killed mid-pass must not
                // leave `status` saying the cache is a complete copy when a file is already gone.
                health?.RecordEviction(1, length);
                firstLength = length;
            }
        }

        if (evicted > 0)
        {
            OriginalsLog.Evicted(logger, evicted, freed, total - freed, maxBytes);
            if (evicted > 1)
            {
                health?.RecordEviction(evicted - 1, freed - firstLength);
            }
        }

        return freed;
    }

    private void Unmark(string path)
    {
        lock (_gate)
        {
            if (_open.TryGetValue(path, out var n) && n > 1)
            {
                _open[path] = n - 1;
            }
            else
            {
                _open.Remove(path);
            }
        }
    }

    private sealed class OpenMark(CacheEvictor owner, string path) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Unmark(path);
            }
        }
    }
}
