using System.Globalization;
using System.Text;
using GPhotosFs.Catalog;
using GPhotosFs.Vfs.Content;
using GPhotosFs.Vfs.Tree;
using Microsoft.Extensions.Logging;

namespace GPhotosFs.Vfs;

/// <summary>
/// The library as a filesystem, independent of any front end (FUSE today): the tree of nodes,
/// opening and reading originals, and extended attributes from the catalog. Thread-safe.
/// </summary>
public sealed class PhotoFileSystem
{
    public const string XattrPrefix = "user.gphotos.";

    public static ReadOnlySpan<byte> XattrPrefixUtf8 => "user.gphotos."u8;

    private readonly LibraryCatalog _catalog;
    private readonly ContentSources _sources;
    private readonly TreeOptions _options;
    private readonly ILogger _logger;
    private readonly Dictionary<long, string> _sourceNames;
    private readonly SequentialPrefetcher _prefetcher;
    private readonly IReadOnlyList<ControlFile> _controlFiles;
    private LibraryTree _tree;
    private long _treeVersion;

    /// <param name="controlFiles">Generated files shown under the hidden .gphotosfs/ folder (none: no folder).</param>
    public PhotoFileSystem(LibraryCatalog catalog, ContentSources sources, TreeOptions options, ILogger logger, IReadOnlyList<ControlFile>? controlFiles = null)
    {
        _controlFiles = controlFiles ?? [];
        _catalog = catalog;
        _sources = sources;
        _options = options;
        _logger = logger;
        _sourceNames = catalog.GetSources().ToDictionary(s => s.Id, s => $"{s.Kind}:{s.Name}");
        _prefetcher = new SequentialPrefetcher(catalog, sources, options.PrefetchDepth);
        using var snapshot = catalog.OpenSnapshot();
        _treeVersion = snapshot.DataVersion;
        _tree = LibraryTreeBuilder.Build(snapshot, options, _controlFiles);
        ReportTree(_tree, _treeVersion);
        ReturnBuildGarbage();
    }

    public LibraryTree Tree => Volatile.Read(ref _tree);

    /// <summary>Raised after <see cref="ReloadIfChanged"/> put a new tree in place.</summary>
    public event Action<LibraryTree>? TreeReplaced;

    public TreeOptions Options => _options;

    public VfsNode? Get(ulong ino) => Tree.Get(ino);

    /// <summary>Finds a child by its UTF-8 name; "." and ".." resolve too.</summary>
    public VfsNode? Lookup(ulong parentIno, ReadOnlySpan<byte> name)
    {
        var tree = Tree;
        if (tree.Get(parentIno) is not VfsDirectory dir)
        {
            return null;
        }

        if (name.SequenceEqual("."u8))
        {
            return dir;
        }

        return name.SequenceEqual(".."u8) ? tree.Get(dir.ParentIno) : tree.Find(dir, name);
    }

    /// <summary>Opens a file's original. Failures are logged with the item's name and thrown as <see cref="ContentUnavailableException"/>.</summary>
    public async ValueTask<OpenItem> OpenAsync(VfsFile file, CancellationToken cancellationToken)
    {
        try
        {
            var item = _catalog.GetItem(file.ItemId)
                ?? throw new ContentUnavailableException($"item {file.ItemId} ('{file.NameText}') is no longer in the catalog.");
            var content = await _sources.For(item).OpenAsync(item, cancellationToken).ConfigureAwait(false);
            if (content.Length != file.Size)
            {
                content.Dispose();
                throw new ContentUnavailableException(
                    $"the original has {content.Length} bytes but the catalog recorded {file.Size}; it changed after it was cataloged. Run 'gphotosfs sync'.");
            }

            _prefetcher.OnOpened(Tree, file);
            return new OpenItem(file, content);
        }
        catch (ContentUnavailableException ex)
        {
            VfsLog.OpenFailed(_logger, file.NameText, ex.Message);
            throw;
        }
    }

    /// <summary>The <c>user.gphotos.*</c> attributes of a file (empty for folders and symlinks).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> GetAttributes(VfsNode node)
    {
        var itemId = node switch
        {
            VfsFile f => f.ItemId,
            VfsHardLink h => h.File.ItemId,
            _ => 0,
        };
        if (itemId == 0 || _catalog.GetItem(itemId) is not { } item)
        {
            return [];
        }

        var attributes = new List<KeyValuePair<string, string>>
        {
            new(XattrPrefix + "id", item.SourceItemId),
            new(XattrPrefix + "source", _sourceNames.GetValueOrDefault(item.SourceId, item.SourceId.ToString(CultureInfo.InvariantCulture))),
            new(XattrPrefix + "favorite", item.IsFavorite ? "1" : "0"),
        };
        if (!string.IsNullOrEmpty(item.Description))
        {
            attributes.Add(new(XattrPrefix + "description", item.Description));
        }

        if (CameraName.Describe(item.CameraMake, item.CameraModel) is { } camera)
        {
            attributes.Add(new(XattrPrefix + "camera", camera));
        }

        if (item.Latitude is { } lat && item.Longitude is { } lon)
        {
            var gps = string.Create(CultureInfo.InvariantCulture, $"{lat:0.000000},{lon:0.000000}");
            if (item.Altitude is { } alt)
            {
                gps += string.Create(CultureInfo.InvariantCulture, $",{alt:0.0}");
            }

            attributes.Add(new(XattrPrefix + "gps", gps));
        }

        if (item.CaptureTime is { } taken)
        {
            // Includes a time learned after the file was first shown (its mtime stays as shown).
            attributes.Add(new(XattrPrefix + "taken", taken.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)));
        }

        if (_sources.ForSource(item.SourceId) is ICachingContentSource caching)
        {
            // Whether reading it needs the source, answered without reading it.
            attributes.Add(new(XattrPrefix + "cached", caching.IsCached(item) ? "1" : "0"));
        }

        return attributes;
    }

    /// <summary>Rebuilds the tree when the catalog changed since the last build; returns the new tree, or null when nothing changed.</summary>
    public LibraryTree? ReloadIfChanged()
    {
        if (_catalog.GetDataVersion() == Interlocked.Read(ref _treeVersion))
        {
            return null;
        }

        using var snapshot = _catalog.OpenSnapshot();
        var version = snapshot.DataVersion;
        var tree = LibraryTreeBuilder.Build(snapshot, _options, _controlFiles);
        Volatile.Write(ref _tree, tree);
        Interlocked.Exchange(ref _treeVersion, version);
        ReportTree(tree, version);
        TreeReplaced?.Invoke(tree);
        ReturnBuildGarbage();
        return tree;
    }

    /// <summary>
    /// Building a tree allocates rows and lists that die at once, and a reload leaves the old tree
    /// behind: collected now, in full, and handed back to the system, the daemon's memory is the tree
    /// it serves rather than what the GC had not got round to (a million-item library: issue 16).
    /// </summary>
    private static void ReturnBuildGarbage() =>
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

    private void ReportTree(LibraryTree tree, long version)
    {
        var albums = tree.Get(InodeNumbers.Albums) is VfsDirectory a ? a.Children.Count : 0;
        VfsLog.TreeLoaded(_logger, tree.FileCount, albums, tree.TotalBytes, version);
        if (tree.HiddenForUnknownSize > 0)
        {
            VfsLog.HiddenUnknownSize(_logger, tree.HiddenForUnknownSize);
        }
    }
}
