using System.Runtime.InteropServices;

namespace GPhotosFs.Fuse;

/// <summary><c>struct fuse_conn_info</c> (128 bytes): what the kernel offers and what the filesystem wants, negotiated in init.</summary>
[StructLayout(LayoutKind.Explicit, Size = 128)]
public struct FuseConnInfo
{
    [FieldOffset(0)] public uint ProtoMajor;
    [FieldOffset(4)] public uint ProtoMinor;
    [FieldOffset(8)] public uint MaxWrite;
    [FieldOffset(12)] public uint MaxRead;
    [FieldOffset(16)] public uint MaxReadahead;
    [FieldOffset(20)] public FuseCapabilities Capable;
    [FieldOffset(24)] public FuseCapabilities Want;
    [FieldOffset(28)] public uint MaxBackground;
    [FieldOffset(32)] public uint CongestionThreshold;
    [FieldOffset(36)] public uint TimeGranularity;
}

/// <summary>FUSE_CAP_* flags from fuse_common.h.</summary>
[Flags]
public enum FuseCapabilities : uint
{
    None = 0,
    AsyncRead = 1 << 0,
    PosixLocks = 1 << 1,
    AtomicOTrunc = 1 << 3,
    ExportSupport = 1 << 4,
    DontMask = 1 << 6,
    SpliceWrite = 1 << 7,
    SpliceMove = 1 << 8,
    SpliceRead = 1 << 9,
    FlockLocks = 1 << 10,
    IoctlDir = 1 << 11,
    AutoInvalData = 1 << 12,
    ReaddirPlus = 1 << 13,
    ReaddirPlusAuto = 1 << 14,
    AsyncDio = 1 << 15,
    WritebackCache = 1 << 16,
    NoOpenSupport = 1 << 17,
    ParallelDirOps = 1 << 18,
    PosixAcl = 1 << 19,
    HandleKillPriv = 1 << 20,
    CacheSymlinks = 1 << 23,
    NoOpendirSupport = 1 << 24,
    ExplicitInvalData = 1 << 25,
    ExpireOnly = 1 << 26,
}
