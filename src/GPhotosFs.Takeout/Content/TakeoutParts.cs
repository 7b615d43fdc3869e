using GPhotosFs.Catalog.Health;
using GPhotosFs.Takeout.Indexing;
using Microsoft.Extensions.Logging;

namespace GPhotosFs.Takeout.Content;

/// <summary>
/// The parts of one Takeout source as the content side sees them: finds a part's file for a
/// locator, and when it is gone, says so once in the log and in the source's health record
/// (<see cref="SourceHealth.Unavailable"/> names the archive), clearing that when it is back.
/// </summary>
public sealed class TakeoutParts(long sourceId, IReadOnlyList<TakeoutPartRecord> parts, ILogger logger, SourceHealthStore? health)
{
    private readonly Dictionary<string, TakeoutPartRecord> _byId = parts.ToDictionary(p => p.Id, StringComparer.Ordinal);
    private readonly HashSet<string> _reportedMissing = [];
    private readonly object _gate = new();

    /// <summary>The part of <paramref name="locator"/>, present on disk; else a message naming the archive and what to do.</summary>
    public (TakeoutPartRecord? Part, string? Problem) Find(MemberLocator locator, string itemName)
    {
        if (!_byId.TryGetValue(locator.PartId, out var part))
        {
            return (null, $"'{itemName}' is in a Takeout part that was removed from the library (part {locator.PartId}); add the archive again with 'gphotosfs takeout add'");
        }

        var present = part.Kind == Archives.PartKind.Folder ? Directory.Exists(part.Path) : File.Exists(part.Path);
        if (present)
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
