namespace GPhotosFs.Vfs.Tree;

/// <summary>A node of the mounted tree. Nodes are immutable; a changed catalog gives a new <see cref="LibraryTree"/>.</summary>
public abstract class VfsNode(ulong ino, byte[] name, long modifiedUnixMs)
{
    public ulong Ino { get; } = ino;

    /// <summary>The entry name as UTF-8 (what the kernel sees).</summary>
    public byte[] Name { get; } = name;

    /// <summary>mtime: the capture time for files, the newest child's for folders.</summary>
    public long ModifiedUnixMs { get; internal set; } = modifiedUnixMs;

    public string NameText => System.Text.Encoding.UTF8.GetString(Name);
}
