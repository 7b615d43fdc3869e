using GPhotosFs.Catalog;
using GPhotosFs.Catalog.Sync;
using GPhotosFs.Sources;
using GPhotosFs.Takeout.Content;
using GPhotosFs.Takeout.Indexing;
using GPhotosFs.Vfs.Content;

namespace GPhotosFs.Takeout;

/// <summary>
/// Takeout exports: stored zip members and folder files are read in place, compressed members are
/// extracted into the cache on first read; its sync checks the recorded parts are still there.
/// Exports arrive by hand (<c>takeout add</c>), so an old last good sync means nobody checked the
/// archives lately: it can go stale. An item missing from the newest export is not deleted (an
/// older archive holds it).
/// </summary>
public sealed class TakeoutSourceKind : ISourceKind
{
    public string Name => SourceKinds.Takeout;

    public bool CanGoStale => true;

    public bool DownloadsIntoCache => false;

    public bool MissingMeansDeleted => false;

    public IItemContentSource OpenContent(SourceContext context)
    {
        var source = context.Source;
        // Members are checked against their CRC-32 as they stream (CheckedMemberStream), which is
        // stronger than a media check and accepts what that check wrongly refuses (motion photos).
        return new TakeoutContentSource(source, origin => context.Caches.Create(source, origin, checkMedia: false), context.Logger, context.Health,
            () => context.Catalog.GetSources().FirstOrDefault(s => s.Id == source.Id)?.Config);
    }

    public ILibrarySync CreateSync(SourceContext context) => new TakeoutPartsCheck(context.Catalog, context.Health);
}
