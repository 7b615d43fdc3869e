using GPhotosFs.Catalog;
using GPhotosFs.Catalog.Sync;
using GPhotosFs.Sources;
using GPhotosFs.Vfs.Content;

namespace GPhotosFs.Google;

/// <summary>
/// Google Photos' Library API: synced by listing (it can go stale), originals downloaded into the
/// cache through expiring baseUrls that batchGet refreshes, counted against the source's quota. An
/// item the sync marks missing was deleted at Google.
/// </summary>
public sealed class GoogleLibrarySourceKind : ISourceKind
{
    public string Name => SourceKinds.GoogleLibrary;

    public bool CanGoStale => true;

    public bool DownloadsIntoCache => true;

    public bool MissingMeansDeleted => true;

    public IItemContentSource? OpenContent(SourceContext context)
    {
        if (GoogleContent.Connect(context) is not { } connection)
        {
            return null;
        }

        return context.Caches.Create(context.Source, connection.LibraryOrigin);
    }

    public ILibrarySync CreateSync(SourceContext context)
    {
        var connection = context.Own(new GoogleConnection(context.ConfigFolder, context.Health, context.Source.Id, context.Logger));
        return new LibrarySync(context.Catalog, connection, context.Logger);
    }
}
