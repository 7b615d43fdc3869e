using GPhotosFs.Catalog;
using GPhotosFs.Library.Sources;
using GPhotosFs.Library.Tests.TestSource;
using GPhotosFs.Originals;
using Microsoft.Extensions.Logging.Abstractions;

namespace GPhotosFs.Library.Tests.Contracts;

/// <summary>
/// A real library in a scratch folder (catalog, cache, state) holding one source of the kind under
/// test, opened through the real registry: what the mount serves, without the mount.
/// </summary>
public abstract class LibraryFixture : IAsyncDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("gphotosfs-contract-");

    protected LibraryFixture()
    {
        Library = new LibraryLocation(Path.Combine(_root.FullName, "library"));
        Directory.CreateDirectory(Library.Folder);
        Catalog = LibraryCatalog.Open(Library.CatalogPath, CatalogAccess.ReadWrite);
    }

    /// <summary>Every built-in kind and the test source: registered the one way any kind is.</summary>
    public static SourceRegistry Registry { get; } = SourceRegistry.Default.With(new PatternSourceKind());

    /// <summary>Quick retries, so a failing read fails in well under a second instead of after a minute of backoff.</summary>
    public static OriginalsOptions Options { get; } = new()
    {
        MaxRetries = 8,
        RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        RetryMaxDelay = TimeSpan.FromMilliseconds(20),
        UnreachableRetries = 1,
        StallDeadline = TimeSpan.FromSeconds(20),
        RequestTimeout = TimeSpan.FromSeconds(20),
    };

    public LibraryLocation Library { get; set; }

    public LibraryCatalog Catalog { get; }

    /// <summary>A folder beside the library for the source's originals (exports, files).</summary>
    public string Scratch => Directory.CreateDirectory(Path.Combine(_root.FullName, "origin")).FullName;

    public LibraryContent OpenContent(Func<IOriginOpener, IOriginOpener>? wrapOrigin = null) =>
        LibraryContent.Create(Catalog, Library, NullLogger.Instance, Options, Registry, wrapOrigin);

    public SourceSyncs OpenSyncs() => SourceSyncs.Create(Catalog, Library, NullLogger.Instance, Registry);

    public SourceRecord Source => Catalog.GetSources().Single();

    /// <summary>The visible items, as the mount lists them.</summary>
    public List<ItemRecord> Items() =>
        Catalog.ReadTreeItems().Where(r => !r.IsTrashed).Select(r => Catalog.GetItem(r.Id)!).OrderBy(i => i.Id).ToList();

    public virtual async ValueTask DisposeAsync()
    {
        Catalog.Dispose();
        await Task.Yield();
        try
        {
            _root.Delete(recursive: true);
        }
        catch (IOException)
        {
            // a download's file still closing; the temp folder goes with the machine
        }

        GC.SuppressFinalize(this);
    }
}
