using GPhotosFs.Catalog;
using GPhotosFs.Catalog.Health;
using GPhotosFs.Originals;
using GPhotosFs.Sources;
using Microsoft.Extensions.Logging;

namespace GPhotosFs.Library.Sources;

/// <summary>
/// What the library gives every source it opens (<see cref="SourceContext"/>): one HTTP client, one
/// way to build download caches, and one list of what to dispose. Disposing disposes what the
/// sources handed over, newest first (a source's downloads stop before its connection closes), then
/// the HTTP client.
/// </summary>
internal sealed class SourceHost : IDisposable
{
    private readonly LibraryCatalog _catalog;
    private readonly LibraryLocation _library;
    private readonly ILogger _logger;
    private readonly SourceHealthStore _health;
    private readonly List<IDisposable> _owned = [];
    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        MaxConnectionsPerServer = 16,
        AutomaticDecompression = System.Net.DecompressionMethods.None,
    })
    {
        Timeout = Timeout.InfiniteTimeSpan, // the engine times each phase itself
    };

    public SourceHost(LibraryCatalog catalog, LibraryLocation library, ILogger logger, OriginalsOptions options, Func<IOriginOpener, IOriginOpener>? wrapOrigin = null)
    {
        _catalog = catalog;
        _library = library;
        _logger = logger;
        _health = new SourceHealthStore(library.StateFolder);
        Caches = new DownloadCaches(library.CacheFolder, library.PartialFolder, library.StateFolder, options, new CatalogFactsSink(catalog), logger, wrapOrigin);
    }

    public DownloadCaches Caches { get; }

    /// <summary>The one HTTP client every source downloads with.</summary>
    public HttpClient Http => _http;

    public SourceContext ContextFor(SourceRecord source) =>
        new(source, _catalog, _library.Folder, _library.ConfigFolder, _health, _logger, _http, Caches, Own);

    public void Own(IDisposable disposable)
    {
        lock (_owned)
        {
            _owned.Add(disposable);
        }
    }

    public void Dispose()
    {
        List<IDisposable> owned;
        lock (_owned)
        {
            owned = [.. _owned];
            _owned.Clear();
        }

        for (var i = owned.Count - 1; i >= 0; i--)
        {
            owned[i].Dispose();
        }

        _http.Dispose();
    }
}
