using System.Runtime.InteropServices;

namespace GPhotosFs.Fuse.Native;

/// <summary><c>struct fuse_ctx</c>: who sent a request.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct FuseContext
{
    public uint Uid;
    public uint Gid;
    public int Pid;
    public uint Umask;
}
