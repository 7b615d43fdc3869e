namespace GPhotosFs.Vfs.Tree;

/// <summary>An album entry: a relative symlink into photos/, so an album costs no second copy in a backup.</summary>
public sealed class VfsSymlink : VfsNode
{
    internal VfsSymlink(ulong ino, NameBytes name, long modifiedUnixMs, long itemId, byte[] target)
        : base(name, modifiedUnixMs)
    {
        Ino = ino;
        ItemId = itemId;
        Target = target;
    }

    public override ulong Ino { get; }

    public long ItemId { get; }

    public byte[] Target { get; }
}
