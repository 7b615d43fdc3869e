using GPhotosFs.Catalog;
using GPhotosFs.Catalog.Health;
using GPhotosFs.Google;
using GPhotosFs.Originals;
using GPhotosFs.Takeout.Content;
using GPhotosFs.Takeout.Indexing;
using GPhotosFs.Vfs.Content;
using Microsoft.Extensions.Logging;

namespace GPhotosFs.Library;

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
    private readonly List<IDisposable> _connections = [];
    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        MaxConnectionsPerServer = 16,
        AutomaticDecompression = System.Net.DecompressionMethods.None,
    })
    {
        Timeout = Timeout.InfiniteTimeSpan, // the engine times each phase itself
    };

    private CacheAlbumLinks? _albumLinks;

    private LibraryContent(ContentSources sources, LibraryLocation library)
    {
        Sources = sources;
        Library = library;
    }

    public ContentSources Sources { get; }

    public LibraryLocation Library { get; }

    /// <summary>Whether any source downloads into the library's cache (else the cache tree stays empty).</summary>
    public bool UsesCache => Caches.Any();

    /// <summary>Every download engine writing into the library's cache, owned here or by a source.</summary>
    private IEnumerable<CachedOriginals> Caches => _caches.Concat(_disposables.OfType<TakeoutContentSource>().Select(t => t.Cache));

    /// <summary>
    /// Keeps the cache's albums/ folder in step with <paramref name="currentTree"/> as originals are
    /// committed and the tree changes (call <see cref="CacheAlbumLinks.Request"/> on tree changes).
    /// Null when no source uses the cache.
    /// </summary>
    public CacheAlbumLinks? MirrorAlbumsInCache(Func<GPhotosFs.Vfs.Tree.LibraryTree> currentTree, ILogger logger)
    {
        if (!UsesCache)
        {
            return null;
        }

        _albumLinks ??= new CacheAlbumLinks(Library.CacheFolder, currentTree, logger);
        foreach (var cache in Caches)
        {
            cache.Committed += _ => _albumLinks.Request();
        }

        _albumLinks.Request();
        return _albumLinks;
    }

    public static LibraryContent Create(LibraryCatalog catalog, LibraryLocation library, ILogger logger, OriginalsOptions? options = null)
    {
        var content = new LibraryContent(new ContentSources(), library);
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
                    var cache = new CachedOriginals(library.CacheFolder, library.PartialFolder, origin, resilience, options, logger, new CatalogFactsSink(catalog),
                        new CacheHealthStore(library.StateFolder), new SourceAvailability(new SourceHealthStore(library.StateFolder), source.Id, logger));
                    content._caches.Add(cache);
                    content.Sources.Add(source.Id, cache);
                    break;
                case TakeoutIndexer.Kind:
                    var takeout = new TakeoutContentSource(source, library.CacheFolder, library.PartialFolder, resilience, options, logger,
                        new SourceHealthStore(library.StateFolder), new CatalogFactsSink(catalog), () => catalog.GetSources().FirstOrDefault(s => s.Id == source.Id)?.Config);
                    content._disposables.Add(takeout);
                    content.Sources.Add(source.Id, takeout);
                    break;
                case LibrarySync.SourceKind:
                case PickerImport.SourceKind:
                    content.AddGoogle(catalog, library, source, logger, options);
                    break;
            }
        }

        if (content.UsesCache)
        {
            CacheFolderModes.MakePrivate(library.CacheFolder, logger);
        }

        return content;
    }

    /// <summary>
    /// Google sources download through expiring baseUrls: Library items get fresh ones from batchGet;
    /// picked items only during `gphotosfs pick` (which caches them all), so here their opener only
    /// explains that an uncached one must be picked again.
    /// </summary>
    private void AddGoogle(LibraryCatalog catalog, LibraryLocation library, SourceRecord source, ILogger logger, OriginalsOptions options)
    {
        GoogleConnection connection;
        try
        {
            connection = new GoogleConnection(library.ConfigFolder, new SourceHealthStore(library.StateFolder), source.Id, logger, _http);
        }
        catch (GoogleConfigException ex)
        {
            // The mount still serves every other source; this one's files stay unreadable until the config is fixed.
            logger.LogError("Source '{Source}' is not available: {Reason}", source.Name, ex.Message);
            return;
        }

        _connections.Add(connection);
        var neighbors = new CatalogNeighbors(catalog, source.Id);
        connection.LibraryUrls.Neighbors = neighbors.After;
        var origin = source.Kind == LibrarySync.SourceKind
            ? connection.LibraryOrigin
            : new BudgetedOrigin(new HttpOrigin(_http, new PickerDownloadUrls(connection.Credentials)), connection.Budget);
        // Its own policy: a used-up Google quota must not stop reads of Takeout or other sources.
        var cache = new CachedOriginals(library.CacheFolder, library.PartialFolder, origin, new OriginResilience(options), options, logger, new CatalogFactsSink(catalog),
            new CacheHealthStore(library.StateFolder), new SourceAvailability(new SourceHealthStore(library.StateFolder), source.Id, logger));
        _caches.Add(cache);
        Sources.Add(source.Id, cache);
    }

    public void Dispose()
    {
        _albumLinks?.Dispose();
        foreach (var cache in _caches)
        {
            cache.Dispose();
        }

        foreach (var disposable in _disposables)
        {
            disposable.Dispose();
        }

        foreach (var connection in _connections)
        {
            connection.Dispose();
        }

        _http.Dispose();
    }
}
