namespace GPhotosFs.Vfs.Tree;

/// <summary>A second name for a <see cref="VfsFile"/> (an album entry shown as a regular file): same inode, same bytes.</summary>
public sealed class VfsHardLink : VfsNode
{
    internal VfsHardLink(VfsFile file, NameBytes name)
        : base(name, file.ModifiedUnixMs)
    {
        File = file;
    }

    public override ulong Ino => File.Ino;

    public VfsFile File { get; }
}
