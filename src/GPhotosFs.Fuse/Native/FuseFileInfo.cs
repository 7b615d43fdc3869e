using System.Runtime.InteropServices;

namespace GPhotosFs.Fuse;

/// <summary>
/// The first 40 bytes of <c>struct fuse_file_info</c> as libfuse 3.14 lays them out. Newer libfuse
/// versions append fields, so this is only ever used by reference to libfuse's own memory.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 40)]
public struct FuseFileInfo
{
    private const uint DirectIoBit = 0x2;
    private const uint KeepCacheBit = 0x4;
    private const uint CacheReaddirBit = 0x40;
    private const uint NoFlushBit = 0x80;

    [FieldOffset(0)] public int Flags;
    [FieldOffset(4)] private uint _bits;
    [FieldOffset(16)] public ulong FileHandle;
    [FieldOffset(24)] public ulong LockOwner;

    /// <summary>Bypass the page cache for this open file.</summary>
    public bool DirectIo { readonly get => (_bits & DirectIoBit) != 0; set => SetBit(DirectIoBit, value); }

    /// <summary>Keep cached pages from earlier opens: right for immutable content.</summary>
    public bool KeepCache { readonly get => (_bits & KeepCacheBit) != 0; set => SetBit(KeepCacheBit, value); }

    /// <summary>Let the kernel cache this directory's listing.</summary>
    public bool CacheReaddir { readonly get => (_bits & CacheReaddirBit) != 0; set => SetBit(CacheReaddirBit, value); }

    /// <summary>No flush request on close: nothing to flush on a read-only filesystem.</summary>
    public bool NoFlush { readonly get => (_bits & NoFlushBit) != 0; set => SetBit(NoFlushBit, value); }

    /// <summary>The O_ACCMODE part of <see cref="Flags"/>.</summary>
    public readonly int AccessMode => Flags & 3;

    private void SetBit(uint bit, bool on) => _bits = on ? _bits | bit : _bits & ~bit;
}
