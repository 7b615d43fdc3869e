using GPhotosFs.Catalog;
using GPhotosFs.Google;

namespace GPhotosFs.Library;

/// <summary>
/// Which items are gone for good: deleted at Google (the sync marked them missing) and never cached,
/// so no copy exists anywhere and every read would fail. The mount leaves them out (a backup
/// rsync of it stays clean) and prefetch skips them; the catalog keeps them, marked. A cached one
/// stays, as the cache is the backup. Takeout items missing from the newest export are not gone:
/// an older archive still holds them.
/// </summary>
public sealed class GoneItems(LibraryCatalog catalog, LibraryLocation library)
{
    private readonly Dictionary<long, bool> _deletableSources = [];

    public bool IsGone(TreeItemRow row)
    {
        if (row.MissingSince is null || catalog.GetItem(row.Id) is not { } item || !FromGoogleLibrary(item.SourceId))
        {
            return false;
        }

        return !File.Exists(Path.Combine(library.CacheFolder, row.DirPath, row.Name));
    }

    private bool FromGoogleLibrary(long sourceId)
    {
        lock (_deletableSources)
        {
            if (!_deletableSources.TryGetValue(sourceId, out var google))
            {
                google = catalog.GetSources().FirstOrDefault(s => s.Id == sourceId)?.Kind == LibrarySync.SourceKind;
                _deletableSources[sourceId] = google;
            }

            return google;
        }
    }
}
