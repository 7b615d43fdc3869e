using Microsoft.Extensions.Logging;

namespace GPhotosFs.Originals;

/// <summary>
/// Keeps the cache under a size limit, when one is set (by default there is none: the cache is the
/// backup). Evicts the least recently used complete originals (by access time, which relatime
/// keeps to the day) that nobody has open; an evicted original is downloaded again when next read.
/// </summary>
internal sealed class CacheEvictor(string cacheFolder, long maxBytes, ILogger logger)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, int> _open = new(StringComparer.Ordinal);

    public IDisposable MarkOpen(string path)
    {
        lock (_gate)
        {
            _open[path] = _open.GetValueOrDefault(path) + 1;
        }

        return new OpenMark(this, path);
    }

    /// <summary>Evicts until the cache fits; returns how many bytes were freed.</summary>
    public long EnforceLimit()
    {
        var files = new DirectoryInfo(cacheFolder)
            .EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = true })
            .ToList();
        var total = files.Sum(f => f.Length);
        long freed = 0;
        foreach (var file in files.OrderBy(f => f.LastAccessTimeUtc))
        {
            if (total - freed <= maxBytes)
            {
                break;
            }

            lock (_gate)
            {
                if (_open.ContainsKey(file.FullName))
                {
                    continue;
                }

                try
                {
                    file.Delete();
                    freed += file.Length;
                }
                catch (IOException)
                {
                    // gone already, or busy: the next pass tries again
                }
            }
        }

        if (freed > 0)
        {
            OriginalsLog.Evicted(logger, freed, total - freed, maxBytes);
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
