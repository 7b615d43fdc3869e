namespace GPhotosFs.Vfs.Tree;

/// <summary>A node of the mounted tree. Nodes are immutable; a changed catalog gives a new <see cref="LibraryTree"/>.</summary>
public abstract class VfsNode
{
    // The name as a slice of a shared chunk (NamePool): no array per node.
    private readonly byte[] _nameStore;
    private readonly int _nameOffset;
    private readonly int _nameLength;

    private protected VfsNode(NameBytes name, long modifiedUnixMs)
    {
        _nameStore = name.Store;
        _nameOffset = name.Offset;
        _nameLength = name.Length;
        ModifiedUnixMs = modifiedUnixMs;
    }

    public abstract ulong Ino { get; }

    /// <summary>The entry name as UTF-8 (what the kernel sees).</summary>
    public ReadOnlySpan<byte> Name => new(_nameStore, _nameOffset, _nameLength);

    /// <summary>mtime: the capture time for files, the newest child's for folders.</summary>
    public long ModifiedUnixMs { get; internal set; }

    public string NameText => System.Text.Encoding.UTF8.GetString(Name);
}
