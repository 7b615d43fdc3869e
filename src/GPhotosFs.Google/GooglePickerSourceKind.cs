using GPhotosFs.Catalog;
using GPhotosFs.Catalog.Sync;
using GPhotosFs.Originals;
using GPhotosFs.Sources;
using GPhotosFs.Vfs.Content;

namespace GPhotosFs.Google;

/// <summary>
/// Items picked with Google Photos' Picker API. Their baseUrls work only during <c>gphotosfs pick</c>,
/// which caches them all, so here the download path only explains that an uncached one must be
/// picked again. Its sync has nothing to fetch (it never goes stale).
/// </summary>
public sealed class GooglePickerSourceKind : ISourceKind
{
    public string Name => SourceKinds.GooglePicker;

    public bool CanGoStale => false;

    public bool DownloadsIntoCache => true;

    public bool MissingMeansDeleted => false;

    public IItemContentSource? OpenContent(SourceContext context)
    {
        if (GoogleContent.Connect(context) is not { } connection)
        {
            return null;
        }

        var origin = new BudgetedOrigin(new HttpOrigin(context.Http, new PickerDownloadUrls(connection.Credentials)), connection.Budget);
        return context.Caches.Create(context.Source, origin);
    }

    public ILibrarySync CreateSync(SourceContext context) => new PickerSync(context.Catalog);
}
