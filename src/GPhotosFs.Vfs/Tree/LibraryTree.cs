namespace GPhotosFs.Vfs.Tree;

/// <summary>
/// An immutable snapshot of the mounted tree, built from the catalog. Readers never lock: a newer
/// catalog gives a new snapshot that replaces this one in one reference swap, and because inode
/// numbers come from catalog ids, the kernel's cached inodes stay valid across the swap.
/// </summary>
public sealed class LibraryTree
{
    // Files (one per item: most of the tree) by item id; every other node by inode number.
    private readonly ItemIndex _files;
    private readonly Dictionary<ulong, VfsNode> _byIno;

    internal LibraryTree(VfsDirectory root, ItemIndex files, Dictionary<ulong, VfsNode> byIno, long totalBytes, int hiddenUnknownSize, VfsDirectory? controlFolder = null)
    {
        ControlFolder = controlFolder;
        Root = root;
        _files = files;
        _byIno = byIno;
        FileCount = files.Count;
        TotalBytes = totalBytes;
        HiddenForUnknownSize = hiddenUnknownSize;
    }

    public VfsDirectory Root { get; }

    /// <summary>
    /// The root's <c>.gphotosfs</c> folder of generated files, or null. It answers a lookup by name but
    /// is not in the root's listing, so find, rsync, restic and borg of the mount never pick up a
    /// status document that changes every few seconds, while <c>cat MOUNT/.gphotosfs/status.json</c> works.
    /// </summary>
    public VfsDirectory? ControlFolder { get; }

    /// <summary>A child of <paramref name="dir"/> by its UTF-8 name, including the unlisted control folder under the root.</summary>
    public VfsNode? Find(VfsDirectory dir, ReadOnlySpan<byte> name) =>
        dir.Find(name) ?? (dir.Ino == InodeNumbers.Root && ControlFolder is { } control && name.SequenceEqual(control.Name) ? control : null);

    public int NodeCount => _files.Count + _byIno.Count;

    /// <summary>Distinct media files shown under photos/.</summary>
    public long FileCount { get; }

    public long TotalBytes { get; }

    /// <summary>Items not shown because their exact size is not known yet (a guessed size is never shown).</summary>
    public int HiddenForUnknownSize { get; }

    public VfsNode? Get(ulong ino) => InodeNumbers.TryGetItemId(ino, out var itemId) ? _files.Get(itemId) : _byIno.GetValueOrDefault(ino);

    /// <summary>Resolves a slash-separated path below the root ("" is the root).</summary>
    public VfsNode? Resolve(string path)
    {
        VfsNode node = Root;
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (node is not VfsDirectory dir || Find(dir, System.Text.Encoding.UTF8.GetBytes(part)) is not { } child)
            {
                return null;
            }

            node = child;
        }

        return node;
    }
}
