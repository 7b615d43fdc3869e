using System.Globalization;
using System.Text;
using GPhotosFs.Catalog;

namespace GPhotosFs.Vfs.Tree;

/// <summary>Builds a <see cref="LibraryTree"/> from the catalog's assigned paths.</summary>
public sealed class LibraryTreeBuilder
{
    private readonly Dictionary<ulong, VfsNode> _byIno = [];
    private readonly Dictionary<ulong, List<VfsNode>> _children = [];
    private readonly List<VfsDirectory> _directoriesParentFirst = [];
    private readonly NamePool _names = new();

    // photos/ folders by the catalog's dir_path, and the symlink prefix ("../../photos/2019/07/") of
    // each: items come folder by folder, so a folder is parsed once, not once per item.
    private readonly Dictionary<string, VfsDirectory> _photoFolders = new(StringComparer.Ordinal);
    private readonly Dictionary<ulong, byte[]> _linkPrefixes = [];

    /// <summary>The hidden folder of generated files (status.json): found by name, never listed.</summary>
    public const string ControlFolderName = ".gphotosfs";

    private LibraryTreeBuilder()
    {
    }

    /// <summary>Builds from one read snapshot, so a sync committing meanwhile cannot make items, albums and entries disagree.</summary>
    public static LibraryTree Build(CatalogSnapshot snapshot, TreeOptions options, IReadOnlyList<ControlFile>? controlFiles = null) =>
        Build(snapshot.ReadTreeItems(), snapshot.ReadTreeAlbums(), snapshot.ReadTreeAlbumEntries(), options, controlFiles);

    public static LibraryTree Build(
        IEnumerable<TreeItemRow> items,
        IEnumerable<TreeAlbumRow> albums,
        IEnumerable<TreeAlbumEntryRow> albumEntries,
        TreeOptions options,
        IReadOnlyList<ControlFile>? controlFiles = null) =>
        new LibraryTreeBuilder().BuildCore(items, albums, albumEntries, options, controlFiles ?? []);

    private LibraryTree BuildCore(IEnumerable<TreeItemRow> items, IEnumerable<TreeAlbumRow> albums, IEnumerable<TreeAlbumEntryRow> albumEntries, TreeOptions options, IReadOnlyList<ControlFile> controlFiles)
    {
        var root = AddDirectory(InodeNumbers.Root, "/", parentIno: null);
        AddDirectory(InodeNumbers.Photos, CatalogLayout.PhotosRoot, InodeNumbers.Root);
        AddDirectory(InodeNumbers.Albums, CatalogLayout.AlbumsRoot, InodeNumbers.Root);
        VfsDirectory? controlFolder = null;
        if (controlFiles.Count > 0)
        {
            // Reachable by name but not listed (see LibraryTree.ControlFolder): walks and backups never see it.
            controlFolder = AddDirectory(InodeNumbers.ControlFolder, ControlFolderName, InodeNumbers.Root, listed: false);
            for (var i = 0; i < controlFiles.Count; i++)
            {
                var file = new VfsControlFile(InodeNumbers.ControlFile(i), _names.Add(controlFiles[i].Name), controlFiles[i].Content);
                _byIno.Add(file.Ino, file);
                _children[InodeNumbers.ControlFolder].Add(file);
            }
        }

        var files = new List<VfsFile>();
        long totalBytes = 0;
        var hiddenUnknownSize = 0;
        foreach (var item in items)
        {
            if (item.IsTrashed && !options.ShowTrashed)
            {
                continue;
            }

            if (item.MissingSince is not null && options.Gone?.Invoke(item) == true)
            {
                continue;
            }

            if (item.Size is not { } size)
            {
                hiddenUnknownSize++;
                continue;
            }

            var folder = PhotoFolder(item.DirPath);
            var file = new VfsFile(item.Id, _names.Add(item.Name), item.CaptureTime?.ToUnixTimeMilliseconds() ?? 0, size) { ParentIno = folder.Ino };
            _children[folder.Ino].Add(file);
            files.Add(file);
            totalBytes += size;
        }

        var index = new ItemIndex(files);
        if (index.Count != files.Count)
        {
            throw new InvalidDataException("The catalog listed an item twice.");
        }

        files = null; // the index holds them now

        var albumFolders = new Dictionary<long, VfsDirectory>();
        foreach (var album in albums)
        {
            albumFolders.Add(album.Id, AddDirectory(InodeNumbers.Album(album.Id), album.DirName, InodeNumbers.Albums));
        }

        foreach (var entry in albumEntries)
        {
            if (!albumFolders.TryGetValue(entry.AlbumId, out var albumDir) || index.Get(entry.ItemId) is not { } target)
            {
                continue; // the item is hidden (trashed, size unknown) or the album is gone
            }

            var entryName = _names.Add(entry.Name);
            if (options.Albums == AlbumPresentation.Files)
            {
                target.LinkCount++;
                _children[albumDir.Ino].Add(new VfsHardLink(target, entryName));
            }
            else
            {
                byte[] link = [.. _linkPrefixes[target.ParentIno], .. target.Name];
                var symlink = new VfsSymlink(InodeNumbers.AlbumEntry(entry.AlbumId, entry.ItemId), entryName, target.ModifiedUnixMs, entry.ItemId, link);
                _byIno.Add(symlink.Ino, symlink);
                _children[albumDir.Ino].Add(symlink);
            }
        }

        // Children are attached child folders first, so each folder's mtime is its newest child's.
        for (var i = _directoriesParentFirst.Count - 1; i >= 0; i--)
        {
            var dir = _directoriesParentFirst[i];
            dir.SetChildren(_children[dir.Ino]);
        }

        return new LibraryTree(root, index, _byIno, totalBytes, hiddenUnknownSize, controlFolder);
    }

    private VfsDirectory PhotoFolder(string dirPath)
    {
        if (_photoFolders.TryGetValue(dirPath, out var known))
        {
            return known;
        }

        var folder = NewPhotoFolder(dirPath);
        _photoFolders.Add(dirPath, folder);
        _linkPrefixes[folder.Ino] = Encoding.UTF8.GetBytes($"../../{dirPath}/");
        return folder;
    }

    private VfsDirectory NewPhotoFolder(string dirPath)
    {
        if (dirPath == CatalogLayout.UndatedFolder)
        {
            return GetOrAddDirectory(InodeNumbers.Undated, Path.GetFileName(CatalogLayout.UndatedFolder), InodeNumbers.Photos);
        }

        // The catalog assigns photos/YYYY/MM (CatalogLayout.ItemFolderFor).
        var parts = dirPath.Split('/');
        if (parts is [CatalogLayout.PhotosRoot, var y, var m]
            && y.Length == 4 && int.TryParse(y, NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && m.Length == 2 && int.TryParse(m, NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            && month is >= 1 and <= 12)
        {
            GetOrAddDirectory(InodeNumbers.Year(year), y, InodeNumbers.Photos);
            return GetOrAddDirectory(InodeNumbers.Month(year, month), m, InodeNumbers.Year(year));
        }

        throw new InvalidDataException($"The catalog assigned an unexpected folder '{dirPath}'.");
    }

    private VfsDirectory GetOrAddDirectory(ulong ino, string name, ulong parentIno) =>
        _byIno.TryGetValue(ino, out var existing) ? (VfsDirectory)existing : AddDirectory(ino, name, parentIno);

    private VfsDirectory AddDirectory(ulong ino, string name, ulong? parentIno, bool listed = true)
    {
        var dir = new VfsDirectory(ino, _names.Add(name), parentIno ?? ino);
        _byIno.Add(ino, dir);
        _children.Add(ino, []);
        _directoriesParentFirst.Add(dir);
        if (parentIno is { } parent && listed)
        {
            _children[parent].Add(dir);
        }

        return dir;
    }
}
