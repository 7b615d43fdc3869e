using GPhotosFs.Catalog;
using GPhotosFs.Catalog.Health;
using GPhotosFs.Originals;
using GPhotosFs.Takeout.Content;
using GPhotosFs.Takeout.Indexing;
using GPhotosFs.Vfs.Content;
using Microsoft.Extensions.Logging;

namespace GPhotosFs.Cli.Library;

/// <summary>
/// Wires each catalog source to the code that reads its originals: local folders directly, remote
/// sources through the download engine and the library's persistent cache. Disposing stops the
/// downloads and records what they hold, so the next start resumes them.
/// </summary>
public sealed class LibraryContent : IDisposable
{
    /// <summary>The source kind whose originals are at BASE/locator over HTTP (config = BASE).</summary>
    public const string HttpKind = "http";

    private readonly List<CachedOriginals> _caches = [];
    private readonly List<IDisposable> _disposables = [];
    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        MaxConnectionsPerServer = 16,
        AutomaticDecompression = System.Net.DecompressionMethods.None,
    })
    {
        Timeout = Timeout.InfiniteTimeSpan, // the engine times each phase itself
    };

    private LibraryContent(ContentSources sources) => Sources = sources;

    public ContentSources Sources { get; }

    public static LibraryContent Create(LibraryCatalog catalog, LibraryLocation library, ILogger logger, OriginalsOptions? options = null)
    {
        var content = new LibraryContent(new ContentSources());
        options ??= new OriginalsOptions();
        var resilience = new OriginResilience(options);
        foreach (var source in catalog.GetSources())
        {
            switch (source.Kind)
            {
                case LocalFolderContentSource.Kind:
                    // A relative folder is relative to the library, so a library folder can be moved whole.
                    content.Sources.Add(source.Id, new LocalFolderContentSource(Path.Combine(library.Folder, source.Config ?? source.Name)));
                    break;
                case HttpKind when Uri.TryCreate(source.Config, UriKind.Absolute, out var baseUri):
                    var origin = new HttpOrigin(content._http, new HttpFolderUrls(baseUri));
                    var cache = new CachedOriginals(library.CacheFolder, library.PartialFolder, origin, resilience, options, logger, new CatalogFactsSink(catalog));
                    content._caches.Add(cache);
                    content.Sources.Add(source.Id, cache);
                    break;
                case TakeoutIndexer.Kind:
                    var takeout = new TakeoutContentSource(source, library.CacheFolder, library.PartialFolder, resilience, options, logger,
                        new SourceHealthStore(library.StateFolder), new CatalogFactsSink(catalog), () => catalog.GetSources().FirstOrDefault(s => s.Id == source.Id)?.Config);
                    content._disposables.Add(takeout);
                    content.Sources.Add(source.Id, takeout);
                    break;
            }
        }

        return content;
    }

    public void Dispose()
    {
        foreach (var cache in _caches)
        {
            cache.Dispose();
        }

        foreach (var disposable in _disposables)
        {
            disposable.Dispose();
        }

        _http.Dispose();
    }
}
