using GPhotosFs.Catalog.Health;
using GPhotosFs.Takeout.Indexing;
using Microsoft.Extensions.Logging;

namespace GPhotosFs.Takeout.Content;

/// <summary>
/// The parts of one Takeout source as the content side sees them: finds a part's file for a
/// locator, and when it is gone, says so once in the log and in the source's health record
/// (<see cref="SourceHealth.Unavailable"/> names the archive), clearing that when it is back.
/// Parts added, re-linked or removed by <c>takeout add</c> while a mount runs are picked up by
/// re-reading the source's config (at most once a second) when a part is unknown or missing.
/// </summary>
public sealed class TakeoutParts(long sourceId, IReadOnlyList<TakeoutPartRecord> parts, ILogger logger, SourceHealthStore? health, Func<string?>? currentConfig = null,
    Archives.IPartStorageResolver? storages = null)
{
    private readonly Archives.IPartStorageResolver _storages = storages ?? Archives.LocalPartStorages.Instance;

    private static readonly TimeSpan ReloadInterval = TimeSpan.FromSeconds(1);
    private readonly HashSet<string> _reportedMissing = [];
    private readonly HashSet<(string PartId, string Revision)> _revisionsSeen = [];
    private readonly object _gate = new();
    private Dictionary<string, TakeoutPartRecord> _byId = parts.ToDictionary(p => p.Id, StringComparer.Ordinal);
    private DateTime _lastReload = DateTime.MinValue;

    /// <summary>The part of <paramref name="locator"/>, present on disk; else a message naming the archive and what to do.</summary>
    public (TakeoutPartRecord? Part, string? Problem) Find(MemberLocator locator, string itemName)
    {
        var part = Lookup(locator.PartId);
        if (part is null || !IsPresent(part))
        {
            Reload();
            part = Lookup(locator.PartId);
        }

        if (part is null)
        {
            return (null, $"'{itemName}' is in a Takeout part that was removed from the library (part {locator.PartId}); add the archive again with 'gphotosfs takeout add'");
        }

        if (IsPresent(part))
        {
            ClearMissing(part);
            return (part, null);
        }

        var problem = $"Takeout archive {Path.GetFileName(part.Path)} is missing from {Path.GetDirectoryName(part.Path)}";
        TakeoutLog.ArchiveMissing(logger, part.Path, itemName);
        bool first;
        lock (_gate)
        {
            first = _reportedMissing.Add(part.Id);
        }

        if (first && health is not null)
        {
            try
            {
                health.Update(sourceId, h => h with
                {
                    Unavailable = problem,
                    RecentErrors = h.RecentErrors.Prepend(new HealthEvent(DateTimeOffset.UtcNow, $"{problem}: '{itemName}' cannot be read"))
                        .Take(SourceHealthStore.MaxRecentErrors).ToList(),
                });
            }
            catch (IOException)
            {
                // Health is advisory; the log line above already says it.
            }
        }

        return (null, $"{problem}: '{itemName}' cannot be read; put the archive back or add its new location with 'gphotosfs takeout add'");
    }

    /// <summary>The storage of a part <see cref="Find"/> returned; the caller disposes it.</summary>
    public Archives.IPartStorage Open(TakeoutPartRecord part) => _storages.Open(part.Path);

    /// <summary>
    /// Throws when a remote part is no longer the file that was indexed (replaced on Drive: other bytes
    /// at the recorded offsets): a clean failure, logged and on the source's health naming the export,
    /// never another file's bytes served as the member. Asked once per part in a session (the store's
    /// metadata, no bytes) and again, <paramref name="fresh"/>, when a member's bytes fail their check.
    /// A part indexed again since (a sync while mounted) is picked up from the config first.
    /// </summary>
    public TakeoutPartRecord CheckRevision(TakeoutPartRecord part, Archives.IPartStorage storage, string itemName, bool fresh = false)
    {
        if (part.Revision is null)
        {
            return part;
        }

        lock (_gate)
        {
            if (!fresh && _revisionsSeen.Contains((part.Id, part.Revision)))
            {
                return part;
            }
        }

        var current = fresh ? storage.CurrentRevision() : storage.Revision;
        if (current != part.Revision)
        {
            Reload();
            if (Lookup(part.Id) is { Revision: { } reindexed } again && reindexed == current && again.Path == part.Path)
            {
                part = again;
            }
            else
            {
                throw Replaced(part, itemName);
            }
        }

        lock (_gate)
        {
            _revisionsSeen.Add((part.Id, part.Revision!));
        }

        return part;
    }

    private Originals.OriginException Replaced(TakeoutPartRecord part, string itemName)
    {
        var name = Path.GetFileName(part.Path);
        var problem = $"Takeout archive {name} (export {part.Export}) was replaced on its store since it was indexed";
        TakeoutLog.ArchiveReplaced(logger, name, part.Export, itemName);
        if (health is not null)
        {
            try
            {
                health.Update(sourceId, h => h with
                {
                    Unavailable = $"{problem}; run 'gphotosfs sync' to index it again",
                    RecentErrors = h.RecentErrors.Prepend(new HealthEvent(DateTimeOffset.UtcNow, $"{problem}: '{itemName}' cannot be read"))
                        .Take(SourceHealthStore.MaxRecentErrors).ToList(),
                });
            }
            catch (IOException)
            {
                // Health is advisory; the log line above already says it.
            }
        }

        return new Originals.OriginException(Originals.OriginFailureKind.Permanent,
            $"{problem}: '{itemName}' cannot be read from it; run 'gphotosfs sync' to index the new archive");
    }

    private bool IsPresent(TakeoutPartRecord part)
    {
        if (part.Kind == Archives.PartKind.Folder)
        {
            return Directory.Exists(part.Path);
        }

        using var storage = _storages.Open(part.Path);
        return storage.Exists();
    }

    private TakeoutPartRecord? Lookup(string id)
    {
        lock (_gate)
        {
            return _byId.GetValueOrDefault(id);
        }
    }

    private void Reload()
    {
        if (currentConfig is null)
        {
            return;
        }

        lock (_gate)
        {
            if (DateTime.UtcNow - _lastReload < ReloadInterval)
            {
                return;
            }

            _lastReload = DateTime.UtcNow;
        }

        try
        {
            var reloaded = TakeoutSourceConfig.Parse(currentConfig()).Parts.ToDictionary(p => p.Id, StringComparer.Ordinal);
            lock (_gate)
            {
                _byId = reloaded;
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or InvalidOperationException)
        {
            TakeoutLog.ReadFailed(logger, "the list of Takeout parts", "the catalog", ex.Message);
        }
    }

    private void ClearMissing(TakeoutPartRecord part)
    {
        bool wasMissing;
        lock (_gate)
        {
            wasMissing = _reportedMissing.Remove(part.Id);
        }

        if (wasMissing && health is not null)
        {
            try
            {
                health.Update(sourceId, h => h.Unavailable?.Contains(Path.GetFileName(part.Path), StringComparison.Ordinal) == true ? h with { Unavailable = null } : h);
            }
            catch (IOException)
            {
                // advisory
            }
        }
    }
}
