using System.Runtime.InteropServices;
using GPhotosFs.IO;

namespace GPhotosFs.Fuse;

/// <summary><c>struct fuse_entry_param</c>: the answer to a lookup, also used for readdirplus entries.</summary>
[StructLayout(LayoutKind.Explicit, Size = 176)]
public struct FuseEntryParam
{
    [FieldOffset(0)] public ulong Ino;
    [FieldOffset(8)] public ulong Generation;
    [FieldOffset(16)] public Stat Attr;
    [FieldOffset(160)] public double AttrTimeout;
    [FieldOffset(168)] public double EntryTimeout;
}
