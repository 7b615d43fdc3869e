using System.Runtime.InteropServices;

namespace GPhotosFs.Fuse.Native;

/// <summary><c>struct fuse_args</c>: an argv that libfuse parses mount and session options from.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct FuseArgs
{
    public int Argc;
    public byte** Argv;
    public int Allocated;
}
