using GPhotosFs.Catalog;
using GPhotosFs.Catalog.Health;
using GPhotosFs.Cli.Commands;
using GPhotosFs.Cli.Daemon;
using GPhotosFs.Library;
using GPhotosFs.Library.Sources;
using GPhotosFs.Originals;

namespace GPhotosFs.Cli.Status;

/// <summary>
/// Gathers a library's health from where each part keeps it: the catalog (sources, items, sync
/// bookkeeping), the sources' health records in the state folder, the cache and partial folders,
/// and the mount lock. It only reads.
/// </summary>
public static class LibraryStatusReader
{
    /// <param name="registry">What each source kind's health consists of (whether it can go stale, whether it downloads); <see cref="SourceRegistry.Default"/> unless a test adds its own.</param>
    public static LibraryStatus Read(LibraryCatalog catalog, LibraryLocation library, TimeSpan staleAfter, TimeProvider? time = null, SourceRegistry? registry = null)
    {
        registry ??= SourceRegistry.Default;
        // Whole seconds: the document's length then changes only when its content does.
        var exact = (time ?? TimeProvider.System).GetUtcNow();
        var now = new DateTimeOffset(exact.Ticks - (exact.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        var health = new SourceHealthStore(library.StateFolder);

        // One walk of the cache (relative path -> length), one query for the item -> source map,
        // one pass over the tree rows: 100,000 items in well under a second.
        var cache = CacheMeasure.Read(library, out var cachedLengths);
        var sourceOf = catalog.ReadItemSourceIds();
        var counts = new Dictionary<long, (long Items, long Cached, long Bytes)>();
        foreach (var row in catalog.ReadTreeItems())
        {
            if (row.IsTrashed || !sourceOf.TryGetValue(row.Id, out var sourceId))
            {
                continue;
            }

            var (items, cached, bytes) = counts.GetValueOrDefault(sourceId);
            if (row.Size is { } size && cachedLengths.TryGetValue($"{row.DirPath}/{row.Name}", out var length) && length == size)
            {
                cached++;
                bytes += size;
            }

            counts[sourceId] = (items + 1, cached, bytes);
        }

        var sources = new List<SourceStatus>();
        var problems = new List<(int Code, string Text)>();
        foreach (var source in catalog.GetSources())
        {
            var sync = catalog.GetSyncState(source.Id);
            var h = health.Read(source.Id);
            var label = $"{source.Kind}:{source.Name}";
            var found = SourceHealthProblems.Of(label, h, now);
            if (registry.Find(source.Kind) is { CanGoStale: true })
            {
                if (sync?.LastSuccess is not { } success)
                {
                    found.Add(new(ExitCodes.Stale, "stale", $"{label}: has never synced successfully{(sync?.LastError is { } e ? $" (last error: {e})" : "")}"));
                }
                else if (now - success > staleAfter)
                {
                    found.Add(new(ExitCodes.Stale, "stale", $"{label}: last good sync {success:u} is older than {Config.Duration.Format(staleAfter)}{(sync.LastError is { } e ? $" (last error: {e})" : "")}"));
                }
            }

            found.Sort((a, b) => a.ExitCode.CompareTo(b.ExitCode));
            problems.AddRange(found.Select(f => (f.ExitCode, f.Text)));
            var (itemCount, itemsCached, bytesCached) = counts.GetValueOrDefault(source.Id);
            sources.Add(new SourceStatus
            {
                Id = source.Id,
                Kind = source.Kind,
                Name = source.Name,
                State = found.Count == 0 ? "ok" : found[0].State,
                Items = itemCount,
                ItemsCached = itemsCached,
                BytesCached = bytesCached,
                LastSync = sync is null ? null : new SyncStatus(sync.LastStarted, sync.LastFinished, sync.LastSuccess, sync.LastResult, sync.LastError, sync.ItemsSeen),
                AuthState = h.AuthState,
                AuthMessage = h.AuthMessage,
                QuotaExhaustedUntil = h.QuotaExhaustedUntil,
                QuotaMessage = h.QuotaMessage,
                Quotas = h.Quotas,
                Unavailable = h.Unavailable,
                RecentErrors = h.RecentErrors,
            });
        }

        // The cache's own health (issue 11): a full disk fails reads, so it is a problem; eviction is
        // a choice (cache_max_size), so it is said, not alarmed.
        var cacheHealth = new CacheHealthStore(library.StateFolder).Read();
        var downloading = catalog.GetSources().Where(s => registry.Find(s.Kind) is { DownloadsIntoCache: true }).Select(s => s.Id).ToHashSet();
        var notCached = counts.Where(c => downloading.Contains(c.Key)).Sum(c => c.Value.Items - c.Value.Cached);
        cache = cache with { ItemsNotCached = notCached, DiskFull = cacheHealth.DiskFull, EvictedFiles = cacheHealth.EvictedFiles, LastEvictionAt = cacheHealth.LastEvictionAt };
        if (cacheHealth.DiskFull is { } full)
        {
            problems.Add((ExitCodes.SourceUnavailable, $"cache: {full} (since {cacheHealth.DiskFullSince:u})"));
        }

        var code = problems.Count == 0 ? ExitCodes.Ok : problems.Min(p => p.Code);
        return new LibraryStatus
        {
            Library = library.Folder,
            GeneratedAt = now,
            Healthy = problems.Count == 0,
            ExitCode = code,
            Problems = problems.OrderBy(p => p.Code).Select(p => p.Text).ToList(),
            StaleAfterSeconds = (long)staleAfter.TotalSeconds,
            Cache = cache,
            Mount = MountLock.FindDaemon(library.StateFolder),
            Sources = sources,
        };
    }
}
