using System.Text;
using GPhotosFs.Catalog;
using GPhotosFs.Vfs.Tree;
using Microsoft.Extensions.Logging;

namespace GPhotosFs.Library;

/// <summary>
/// Keeps <c>&lt;cache&gt;/albums/&lt;title&gt;/&lt;name&gt;</c> as relative symlinks to the cached originals,
/// so the cache folder is the same tree as the mount (photos/ and albums/) and
/// <c>rsync -a &lt;cache&gt;/ nas:backup/</c> keeps the albums without the mount. A link is made only
/// once its original is in the cache (a backup never holds a dangling link), and links of albums or
/// entries that left the library are removed. Only symlinks and then-empty folders are ever removed
/// from <c>albums/</c>: anything else found there is someone's file and is left alone.
/// </summary>
/// <remarks>
/// Album entries shown as regular files (<c>-o albums=files</c>) are symlinks here too: a symlink
/// survives every copy tool, where hard links need <c>rsync -H</c> to stay single copies.
/// Passes are serialized and coalesced: commits and tree reloads call <see cref="Request"/>, and one
/// pass runs a moment later for all of them.
/// </remarks>
public sealed class CacheAlbumLinks : IDisposable
{
    private static readonly TimeSpan Coalesce = TimeSpan.FromSeconds(1);

    private readonly string _cacheFolder;
    private readonly Func<LibraryTree> _currentTree;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private readonly object _passGate = new();
    private readonly Timer _timer;
    private bool _scheduled;
    private bool _disposed;

    public CacheAlbumLinks(string cacheFolder, Func<LibraryTree> currentTree, ILogger logger)
    {
        _cacheFolder = Path.GetFullPath(cacheFolder);
        _currentTree = currentTree;
        _logger = logger;
        _timer = new Timer(_ => RunScheduled());
    }

    public string AlbumsFolder => Path.Combine(_cacheFolder, CatalogLayout.AlbumsRoot);

    /// <summary>Asks for a pass soon (coalesced with other requests).</summary>
    public void Request()
    {
        lock (_gate)
        {
            if (_scheduled || _disposed)
            {
                return;
            }

            _scheduled = true;
            _timer.Change(Coalesce, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>One full pass now; a failure is logged as a warning (the cache's originals are untouched, and the next pass tries again).</summary>
    public void ReconcileOrWarn()
    {
        try
        {
            var pass = Reconcile();
            if (pass.Created + pass.Removed > 0)
            {
                _logger.LogDebug("cache albums/: {Created} links made, {Removed} removed", pass.Created, pass.Removed);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _logger.LogWarning("could not update the album links in {Folder}: {Message}", AlbumsFolder, ex.Message);
        }
    }

    /// <summary>One full pass: creates the links whose originals are cached, removes those no album has.</summary>
    private AlbumLinksPass Reconcile()
    {
        lock (_passGate)
        {
            var tree = _currentTree();
            var expected = ExpectedLinks(tree);
            var created = 0;
            var removed = 0;
            foreach (var (linkPath, target) in expected)
            {
                var targetPath = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(linkPath)!, target));
                if (!File.Exists(targetPath))
                {
                    continue; // not downloaded yet: linked once it is
                }

                if (EnsureLink(linkPath, target))
                {
                    created++;
                }
            }

            if (Directory.Exists(AlbumsFolder))
            {
                removed = RemoveUnexpected(AlbumsFolder, expected);
            }

            return new AlbumLinksPass(created, removed);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
        }

        _timer.Dispose();
    }

    private void RunScheduled()
    {
        lock (_gate)
        {
            _scheduled = false;
            if (_disposed)
            {
                return;
            }
        }

        ReconcileOrWarn();
    }

    /// <summary>Every album entry of the tree: its link path in the cache, and the relative target.</summary>
    private Dictionary<string, string> ExpectedLinks(LibraryTree tree)
    {
        var links = new Dictionary<string, string>(StringComparer.Ordinal);
        if (tree.Get(InodeNumbers.Albums) is not VfsDirectory albums)
        {
            return links;
        }

        foreach (var album in albums.Children.OfType<VfsDirectory>())
        {
            var albumFolder = Path.Combine(AlbumsFolder, album.NameText);
            foreach (var entry in album.Children)
            {
                var target = entry switch
                {
                    VfsSymlink symlink => Decode(symlink.Target),
                    VfsHardLink hardLink when PathOf(tree, hardLink.File) is { } filePath => $"../../{filePath}",
                    _ => null,
                };
                if (target is not null)
                {
                    links[Path.Combine(albumFolder, entry.NameText)] = target;
                }
            }
        }

        return links;
    }

    /// <summary>The file's path from the tree's root, e.g. "photos/2019/08/a.jpg".</summary>
    private static string? PathOf(LibraryTree tree, VfsFile file)
    {
        var parts = new List<string> { file.NameText };
        for (var ino = file.ParentIno; ino != InodeNumbers.Root; )
        {
            if (tree.Get(ino) is not VfsDirectory folder)
            {
                return null;
            }

            parts.Add(folder.NameText);
            ino = folder.ParentIno;
        }

        parts.Reverse();
        return string.Join('/', parts);
    }

    /// <summary>Makes <paramref name="linkPath"/> a symlink to <paramref name="target"/>; true when it had to change.</summary>
    private static bool EnsureLink(string linkPath, string target)
    {
        var existing = new FileInfo(linkPath);
        if (existing.LinkTarget == target)
        {
            return false;
        }

        if (existing.Exists && existing.LinkTarget is null)
        {
            return false; // a regular file someone put here: never replaced
        }

        var folder = Path.GetDirectoryName(linkPath)!;
        GPhotosFs.Catalog.PrivateFiles.EnsureDirectory(folder); // albums/ too, not only albums/<title>/
        // Made beside it and renamed over: a backup running now sees the old link or the new one.
        var temporary = Path.Combine(folder, $".{Path.GetFileName(linkPath)}.gphotosfs-link");
        File.Delete(temporary);
        File.CreateSymbolicLink(temporary, target);
        File.Move(temporary, linkPath, overwrite: true);
        return true;
    }

    /// <summary>Removes symlinks that are not expected and folders left empty; returns how many links went.</summary>
    private static int RemoveUnexpected(string folder, Dictionary<string, string> expected)
    {
        var removed = 0;
        foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos())
        {
            if (entry.LinkTarget is not null)
            {
                if (!expected.ContainsKey(entry.FullName))
                {
                    entry.Delete();
                    removed++;
                }
            }
            else if (entry is DirectoryInfo subfolder)
            {
                removed += RemoveUnexpected(subfolder.FullName, expected);
                if (!subfolder.EnumerateFileSystemInfos().Any())
                {
                    subfolder.Delete();
                }
            }
        }

        return removed;
    }

    private static string Decode(byte[] name) => Encoding.UTF8.GetString(name);
}

/// <summary>What one pass over the cache's albums/ folder did.</summary>
public readonly record struct AlbumLinksPass(int Created, int Removed);
