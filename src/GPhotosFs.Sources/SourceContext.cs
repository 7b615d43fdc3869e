using GPhotosFs.Catalog;
using GPhotosFs.Catalog.Health;
using Microsoft.Extensions.Logging;

namespace GPhotosFs.Sources;

/// <summary>What a source kind is given to open one source's content or its sync.</summary>
public sealed class SourceContext
{
    private readonly Action<IDisposable> _own;

    /// <param name="own">Takes what the source needs disposed when the library's content or syncs are (after its downloads stop).</param>
    public SourceContext(SourceRecord source, LibraryCatalog catalog, string libraryFolder, string configFolder, SourceHealthStore health, ILogger logger,
        HttpClient http, DownloadCaches caches, Action<IDisposable> own)
    {
        Source = source;
        Catalog = catalog;
        LibraryFolder = libraryFolder;
        ConfigFolder = configFolder;
        Health = health;
        Logger = logger;
        Http = http;
        Caches = caches;
        _own = own;
    }

    public SourceRecord Source { get; }

    public LibraryCatalog Catalog { get; }

    /// <summary>The library's folder: a relative path in a source's config is relative to it, so a library folder can be moved whole.</summary>
    public string LibraryFolder { get; }

    /// <summary>The library's configuration and credentials (mode 0700).</summary>
    public string ConfigFolder { get; }

    /// <summary>The library's per-source health records (<c>status</c> reads them).</summary>
    public SourceHealthStore Health { get; }

    public ILogger Logger { get; }

    /// <summary>The library's shared HTTP client: pooled connections, no overall timeout (the download engine times each phase).</summary>
    public HttpClient Http { get; }

    /// <summary>Builds the source's download cache: the one way every source gets one.</summary>
    public DownloadCaches Caches { get; }

    /// <summary>Disposes <paramref name="disposable"/> with the library's content or syncs.</summary>
    public T Own<T>(T disposable)
        where T : IDisposable
    {
        _own(disposable);
        return disposable;
    }
}
