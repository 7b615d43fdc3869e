using System.Runtime.InteropServices;
using GPhotosFs.IO;

namespace GPhotosFs.Fuse.Native;

/// <summary>
/// <c>struct fuse_lowlevel_ops</c> of libfuse 3.14: 44 function pointers, in header order. A null slot
/// makes libfuse answer ENOSYS (or, for forget, nothing). Signatures follow fuse_lowlevel.h with
/// <c>fuse_req_t</c> and pointers as <see cref="nint"/>.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct FuseLowLevelOps
{
    public delegate* unmanaged<nint, FuseConnInfo*, void> Init;
    public delegate* unmanaged<nint, void> Destroy;
    public delegate* unmanaged<nint, ulong, byte*, void> Lookup;
    public delegate* unmanaged<nint, ulong, ulong, void> Forget;
    public delegate* unmanaged<nint, ulong, FuseFileInfo*, void> GetAttr;
    public delegate* unmanaged<nint, ulong, Stat*, int, FuseFileInfo*, void> SetAttr;
    public delegate* unmanaged<nint, ulong, void> ReadLink;
    public delegate* unmanaged<nint, ulong, byte*, uint, ulong, void> MkNod;
    public delegate* unmanaged<nint, ulong, byte*, uint, void> MkDir;
    public delegate* unmanaged<nint, ulong, byte*, void> Unlink;
    public delegate* unmanaged<nint, ulong, byte*, void> RmDir;
    public delegate* unmanaged<nint, byte*, ulong, byte*, void> Symlink;
    public delegate* unmanaged<nint, ulong, byte*, ulong, byte*, uint, void> Rename;
    public delegate* unmanaged<nint, ulong, ulong, byte*, void> Link;
    public delegate* unmanaged<nint, ulong, FuseFileInfo*, void> Open;
    public delegate* unmanaged<nint, ulong, nuint, long, FuseFileInfo*, void> Read;
    public delegate* unmanaged<nint, ulong, byte*, nuint, long, FuseFileInfo*, void> Write;
    public delegate* unmanaged<nint, ulong, FuseFileInfo*, void> Flush;
    public delegate* unmanaged<nint, ulong, FuseFileInfo*, void> Release;
    public delegate* unmanaged<nint, ulong, int, FuseFileInfo*, void> Fsync;
    public delegate* unmanaged<nint, ulong, FuseFileInfo*, void> OpenDir;
    public delegate* unmanaged<nint, ulong, nuint, long, FuseFileInfo*, void> ReadDir;
    public delegate* unmanaged<nint, ulong, FuseFileInfo*, void> ReleaseDir;
    public delegate* unmanaged<nint, ulong, int, FuseFileInfo*, void> FsyncDir;
    public delegate* unmanaged<nint, ulong, void> StatFs;
    public delegate* unmanaged<nint, ulong, byte*, byte*, nuint, int, void> SetXattr;
    public delegate* unmanaged<nint, ulong, byte*, nuint, void> GetXattr;
    public delegate* unmanaged<nint, ulong, nuint, void> ListXattr;
    public delegate* unmanaged<nint, ulong, byte*, void> RemoveXattr;
    public delegate* unmanaged<nint, ulong, int, void> Access;
    public delegate* unmanaged<nint, ulong, byte*, uint, FuseFileInfo*, void> Create;
    public nint GetLk;
    public nint SetLk;
    public nint Bmap;
    public nint Ioctl;
    public nint Poll;
    public nint WriteBuf;
    public nint RetrieveReply;
    public delegate* unmanaged<nint, nuint, nint, void> ForgetMulti;
    public nint Flock;
    public delegate* unmanaged<nint, ulong, int, long, long, FuseFileInfo*, void> Fallocate;
    public delegate* unmanaged<nint, ulong, nuint, long, FuseFileInfo*, void> ReadDirPlus;
    public delegate* unmanaged<nint, ulong, long, FuseFileInfo*, ulong, long, FuseFileInfo*, nuint, int, void> CopyFileRange;
    public nint Lseek;
}
