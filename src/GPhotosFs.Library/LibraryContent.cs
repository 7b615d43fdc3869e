using GPhotosFs.Catalog;
using GPhotosFs.Library.Sources;
using GPhotosFs.Originals;
using GPhotosFs.Vfs.Content;
using Microsoft.Extensions.Logging;

namespace GPhotosFs.Library;

/// <summary>
/// Opens each catalog source's content through its kind in the <see cref="SourceRegistry"/>: local
/// folders are read in place, remote sources through the download engine and the library's
/// persistent cache. Disposing stops the downloads and records what they hold, so the next start
/// resumes them.
/// </summary>
public sealed class LibraryContent : IDisposable
{
    private readonly SourceHost _host;
    private CacheAlbumLinks? _albumLinks;

    private LibraryContent(SourceHost host, LibraryLocation library)
    {
        _host = host;
        Library = library;
    }

    public ContentSources Sources { get; } = new();

    public LibraryLocation Library { get; }

    /// <summary>The one budget of read and download buffers: the download engines' and the mount's reads (<see cref="BufferBudget"/>).</summary>
    public BufferBudget Buffers => _host.Caches.Buffers;

    /// <summary>Whether any source downloads into the library's cache (else the cache tree stays empty).</summary>
    public bool UsesCache => Caches.Count > 0;

    /// <summary>Every download engine writing into the library's cache.</summary>
    private IReadOnlyList<CachedOriginals> Caches => _host.Caches.All;

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

    /// <summary>
    /// Runs the download read path once on a synthetic item (<see cref="ReadPathWarmup"/>), so the
    /// first read of the mount does not pay for loading and compiling it. Only when a source downloads.
    /// </summary>
    public void WarmUpReadPath(ILogger logger)
    {
        if (UsesCache && ReadPathWarmup.Run(_host.Http, _host.Caches.Options, logger, buffers: Buffers) is { } took)
        {
            LibraryLog.WarmedUp(logger, (long)took.TotalMilliseconds);
        }
    }

    /// <summary>The source's content when its items are (some or all) downloaded into the cache, else null.</summary>
    public IDownloadingContentSource? DownloadingSource(long sourceId) => Sources.ForSource(sourceId) as IDownloadingContentSource;

    /// <param name="registry">The source kinds to serve; <see cref="SourceRegistry.Default"/> unless a test adds its own.</param>
    /// <param name="wrapOrigin">Wraps every downloading source's origin (a test's fault injection); null: none.</param>
    public static LibraryContent Create(
        LibraryCatalog catalog, LibraryLocation library, ILogger logger, OriginalsOptions? options = null, SourceRegistry? registry = null, Func<IOriginOpener, IOriginOpener>? wrapOrigin = null)
    {
        registry ??= SourceRegistry.Default;
        var content = new LibraryContent(new SourceHost(catalog, library, logger, options ?? new OriginalsOptions(), wrapOrigin), library);
        foreach (var source in catalog.GetSources())
        {
            // A kind this build does not know is left out: reading its items says so (ContentSources.For).
            if (registry.Find(source.Kind)?.OpenContent(content._host.ContextFor(source)) is { } opened)
            {
                if (opened is IDisposable disposable)
                {
                    content._host.Own(disposable);
                }

                content.Sources.Add(source.Id, opened);
            }
        }

        if (content.UsesCache)
        {
            CacheFolderModes.MakePrivate(library.CacheFolder, logger);
        }

        return content;
    }

    public void Dispose()
    {
        _albumLinks?.Dispose();
        _host.Dispose();
    }
}
