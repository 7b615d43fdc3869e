namespace GPhotosFs.Vfs.Tree;

/// <summary>A second name for a <see cref="VfsFile"/> (an album entry shown as a regular file): same inode, same bytes.</summary>
public sealed class VfsHardLink(VfsFile file, byte[] name) : VfsNode(file.Ino, name, file.ModifiedUnixMs)
{
    public VfsFile File { get; } = file;
}
