namespace GPhotosFs.Vfs.Tree;

/// <summary>An album entry: a relative symlink into photos/, so an album costs no second copy in a backup.</summary>
public sealed class VfsSymlink(ulong ino, byte[] name, long modifiedUnixMs, long itemId, byte[] target) : VfsNode(ino, name, modifiedUnixMs)
{
    public long ItemId { get; } = itemId;

    public byte[] Target { get; } = target;
}
