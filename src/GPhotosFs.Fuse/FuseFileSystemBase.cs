using GPhotosFs.IO;

namespace GPhotosFs.Fuse;

/// <summary>Defaults for a read-only filesystem: lookups fail, nothing is cached, writes never reach here (the binding answers EROFS).</summary>
public abstract class FuseFileSystemBase : IFuseFileSystem
{
    public virtual void Init(ref FuseConnInfo connection) { }
    public virtual void Destroy() { }
    public virtual int Lookup(ulong parent, ReadOnlySpan<byte> name, ref FuseEntryParam entry) => -Errno.ENOENT;
    public virtual void Forget(ulong ino, ulong lookupCount) { }
    public abstract int GetAttr(ulong ino, ref Stat stat, out double attrTimeout);
    public virtual int ReadLink(ulong ino, out byte[]? target) { target = null; return -Errno.EINVAL; }
    public virtual int Open(ulong ino, ref FuseFileInfo fileInfo) => 0;
    public virtual void Read(FuseReadRequest request) => request.ReplyError(Errno.EIO);
    public virtual int Release(ulong ino, ref FuseFileInfo fileInfo) => 0;
    public virtual int OpenDir(ulong ino, ref FuseFileInfo fileInfo) => 0;
    public virtual int ReadDir(ulong ino, long offset, FuseDirectoryBuffer buffer, ref FuseFileInfo fileInfo, bool plus) => -Errno.ENOTDIR;
    public virtual int ReleaseDir(ulong ino, ref FuseFileInfo fileInfo) => 0;
    public virtual int StatFs(ulong ino, ref StatVfs stat) { stat.NameMax = 255; stat.BlockSize = 4096; stat.FragmentSize = 4096; return 0; }
    public virtual int GetXattr(ulong ino, ReadOnlySpan<byte> name, out byte[]? value) { value = null; return -Errno.ENOATTR; }
    public virtual int ListXattr(ulong ino, out byte[]? names) { names = []; return 0; }
    public virtual int Access(ulong ino, int mask) => (mask & 2) != 0 ? -Errno.EROFS : 0;
}
