using GPhotosFs.Catalog;
using GPhotosFs.Catalog.Health;
using GPhotosFs.Catalog.Sync;
using GPhotosFs.Takeout.Archives;

namespace GPhotosFs.Takeout.Indexing;

/// <summary>
/// What <c>gphotosfs sync</c> does for a Takeout source. New exports arrive by hand (<c>takeout
/// add</c>), so there is nothing to fetch; what can go wrong unattended is an archive deleted, moved
/// or overwritten on the NAS. A sync checks that every recorded part is still where it was with the
/// size it had (no bytes read), records the run, and names each missing or changed part in the
/// source's health record (status then reports the source unavailable), clearing it when all are back.
/// </summary>
public sealed class TakeoutPartsCheck(LibraryCatalog catalog, SourceHealthStore health, TimeProvider? timeProvider = null) : ILibrarySync
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public string Kind => SourceKinds.Takeout;

    public Task<SyncOutcome> SyncAsync(SourceRecord source, SyncRequest request, CancellationToken cancellationToken)
    {
        var started = _time.GetUtcNow();
        // The stored config, not the caller's copy: `takeout add` may have changed it since.
        var current = catalog.GetSources().FirstOrDefault(s => s.Id == source.Id) ?? source;
        var parts = TakeoutSourceConfig.Parse(current.Config).Parts;
        var problems = new List<string>();
        for (var i = 0; i < parts.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            request.Progress?.Report(new SyncProgress("checking Takeout parts", i, parts.Count));
            if (Problem(parts[i]) is { } problem)
            {
                problems.Add(problem);
            }
        }

        request.Progress?.Report(new SyncProgress("checking Takeout parts", parts.Count, parts.Count));
        var error = problems.Count == 0 ? null : string.Join("; ", problems);
        health.Update(source.Id, h => error is null
            ? h with { Unavailable = null }
            : h with
            {
                Unavailable = error,
                RecentErrors = h.RecentErrors.Prepend(new HealthEvent(_time.GetUtcNow(), error)).Take(SourceHealthStore.MaxRecentErrors).ToList(),
            });

        var previous = catalog.GetSyncState(source.Id);
        var finished = _time.GetUtcNow();
        var result = error is null ? SyncResult.Ok : SyncResult.Failed;
        catalog.SaveSyncState(new SyncState
        {
            SourceId = source.Id,
            LastStarted = started,
            LastFinished = finished,
            LastSuccess = error is null ? finished : previous?.LastSuccess,
            LastResult = result.ToText(),
            LastError = error,
            ItemsSeen = previous?.ItemsSeen,
            Cursor = previous?.Cursor,
        });
        return Task.FromResult(new SyncOutcome(result, previous?.ItemsSeen ?? 0, 0, 0, error));
    }

    /// <summary>
    /// Records in the source's health what is wrong with its parts now (missing, changed or
    /// damaged: status is then unhealthy, exit 12), or clears it when nothing is. Called after
    /// <c>takeout add</c> and <c>takeout remove</c>, so a damaged part counts until it is replaced or removed.
    /// </summary>
    public static void RecordHealth(SourceHealthStore health, long sourceId, IEnumerable<TakeoutPartRecord> parts, DateTimeOffset now)
    {
        var problems = parts.Select(Problem).OfType<string>().ToList();
        var error = problems.Count == 0 ? null : string.Join("; ", problems);
        health.Update(sourceId, h => error is null
            ? h with { Unavailable = null }
            : h with
            {
                Unavailable = error,
                RecentErrors = h.Unavailable == error ? h.RecentErrors : h.RecentErrors.Prepend(new HealthEvent(now, error)).Take(SourceHealthStore.MaxRecentErrors).ToList(),
            });
    }

    /// <summary>What is wrong with one part, in words naming it and what to do; null when nothing is.</summary>
    public static string? Problem(TakeoutPartRecord part)
    {
        var name = Path.GetFileName(part.Path);
        if (part.LastError is { } damaged && (part.Kind == PartKind.Folder ? Directory.Exists(part.Path) : File.Exists(part.Path)))
        {
            return $"Takeout part {name} is damaged ({damaged}); replace it with a good copy and 'gphotosfs takeout add' it, or 'gphotosfs takeout remove' it";
        }

        if (part.Kind == PartKind.Folder)
        {
            return Directory.Exists(part.Path) ? null : $"Takeout folder {name} is missing from {Path.GetDirectoryName(part.Path)}";
        }

        var file = new FileInfo(part.Path);
        if (!file.Exists)
        {
            return $"Takeout archive {name} is missing from {Path.GetDirectoryName(part.Path)}; put it back or add its new location with 'gphotosfs takeout add'";
        }

        return part.Length > 0 && file.Length != part.Length
            ? $"Takeout archive {name} changed: {file.Length} bytes where {part.Length} were indexed; add it again with 'gphotosfs takeout add'"
            : null;
    }
}
