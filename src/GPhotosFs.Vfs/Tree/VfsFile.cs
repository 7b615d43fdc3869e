namespace GPhotosFs.Vfs.Tree;

/// <summary>A media item's original, shown only when its exact size is known.</summary>
public sealed class VfsFile(ulong ino, byte[] name, long modifiedUnixMs, long itemId, long size) : VfsNode(ino, name, modifiedUnixMs)
{
    public long ItemId { get; } = itemId;

    public long Size { get; } = size;

    /// <summary>The photos/ folder holding it, and its place there (for cross-file prefetch).</summary>
    public ulong ParentIno { get; internal set; }

    public int IndexInParent { get; internal set; }

    /// <summary>Hard-link count: 1, plus one per album when albums are shown as regular files (same inode).</summary>
    public int LinkCount { get; internal set; } = 1;
}
