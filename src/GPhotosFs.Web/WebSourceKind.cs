using GPhotosFs.Catalog;
using GPhotosFs.Catalog.Sync;
using GPhotosFs.Sources;
using GPhotosFs.Vfs.Content;

namespace GPhotosFs.Web;

/// <summary>
/// photos.google.com through headless Chromium: synced by walking the web UI (it can go stale), each
/// original downloaded by the sync into the cache (the UI gives no size before a download, so an item
/// is shown once cached). An item the full walk no longer finds was deleted at Google.
/// </summary>
public sealed class WebSourceKind : ISourceKind
{
    public string Name => SourceKinds.GoogleWeb;

    public bool CanGoStale => true;

    public bool DownloadsIntoCache => true;

    public bool MissingMeansDeleted => true;

    /// <summary>The mount reads what the sync cached; nothing is downloaded on a read.</summary>
    public IItemContentSource? OpenContent(SourceContext context) => context.Caches.Create(context.Source, new DownloadedOriginals());

    public ILibrarySync CreateSync(SourceContext context)
    {
        var origin = new DownloadedOriginals();
        var cache = context.Own(context.Caches.Create(context.Source, origin));
        return new WebSync(context.Catalog, PathsOf(context), context.Health, origin, cache, context.Logger);
    }

    /// <summary>The profile beside config.json; state and the browser's downloads in the library's state folder.</summary>
    public static WebPaths PathsOf(SourceContext context) =>
        new(context.ConfigFolder, context.Health.Folder, Path.Combine(context.Health.Folder, "web-downloads"));
}
