using GPhotosFs.Catalog;
using GPhotosFs.Library.Sources;

namespace GPhotosFs.Library;

/// <summary>
/// Which items are gone for good: deleted at the origin (the sync of a source whose kind says
/// <see cref="GPhotosFs.Sources.ISourceKind.MissingMeansDeleted"/>, Google's Library, marked them missing) and never cached,
/// so no copy exists anywhere and every read would fail. The mount leaves them out (a backup
/// rsync of it stays clean) and prefetch skips them; the catalog keeps them, marked. A cached one
/// stays, as the cache is the backup. Takeout items missing from the newest export are not gone:
/// an older archive still holds them.
/// </summary>
public sealed class GoneItems(LibraryCatalog catalog, LibraryLocation library, SourceRegistry? registry = null)
{
    private readonly SourceRegistry _registry = registry ?? SourceRegistry.Default;
    private readonly Dictionary<long, bool> _deletableSources = [];

    public bool IsGone(TreeItemRow row)
    {
        if (row.MissingSince is null || catalog.GetItem(row.Id) is not { } item || !DeletesAtOrigin(item.SourceId))
        {
            return false;
        }

        return !File.Exists(Path.Combine(library.CacheFolder, row.DirPath, row.Name));
    }

    private bool DeletesAtOrigin(long sourceId)
    {
        lock (_deletableSources)
        {
            if (!_deletableSources.TryGetValue(sourceId, out var deletes))
            {
                deletes = catalog.GetSources().FirstOrDefault(s => s.Id == sourceId) is { } source && _registry.Find(source.Kind) is { MissingMeansDeleted: true };
                _deletableSources[sourceId] = deletes;
            }

            return deletes;
        }
    }
}
