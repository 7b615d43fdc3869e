using GPhotosFs.Catalog;
using GPhotosFs.Catalog.Sync;
using GPhotosFs.Originals;
using GPhotosFs.Sources;
using GPhotosFs.Vfs.Content;

namespace GPhotosFs.Library.Sources;

/// <summary>Originals are at BASE/locator over HTTP (config: BASE), downloaded into the cache; nothing to sync.</summary>
public sealed class HttpFolderSourceKind : ISourceKind
{
    public string Name => SourceKinds.Http;

    public bool CanGoStale => false;

    public bool DownloadsIntoCache => true;

    public bool MissingMeansDeleted => false;

    /// <summary>Null when the config is not an absolute URL.</summary>
    public IItemContentSource? OpenContent(SourceContext context) =>
        Uri.TryCreate(context.Source.Config, UriKind.Absolute, out var baseUri)
            ? context.Caches.Create(context.Source, new HttpOrigin(context.Http, new HttpFolderUrls(baseUri)))
            : null;

    public ILibrarySync? CreateSync(SourceContext context) => null;
}
