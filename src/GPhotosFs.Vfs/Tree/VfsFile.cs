namespace GPhotosFs.Vfs.Tree;

/// <summary>A media item's original, shown only when its exact size is known.</summary>
/// <remarks>One per item of the library: every field counts (see TreeMemoryTests). The inode number is derived from the item id rather than stored.</remarks>
public sealed class VfsFile : VfsNode
{
    internal VfsFile(long itemId, NameBytes name, long modifiedUnixMs, long size)
        : base(name, modifiedUnixMs)
    {
        ItemId = itemId;
        Size = size;
    }

    public override ulong Ino => InodeNumbers.Item(ItemId);

    public long ItemId { get; }

    public long Size { get; }

    /// <summary>The photos/ folder holding it, and its place there (for cross-file prefetch).</summary>
    public ulong ParentIno { get; internal set; }

    public int IndexInParent { get; internal set; }

    /// <summary>Hard-link count: 1, plus one per album when albums are shown as regular files (same inode).</summary>
    public int LinkCount { get; internal set; } = 1;
}
