using System.Runtime.InteropServices;

namespace GPhotosFs.IO;

/// <summary>glibc x86_64 <c>struct stat</c> (144 bytes). Offsets are checked against the C headers by a test.</summary>
[StructLayout(LayoutKind.Explicit, Size = 144)]
public struct Stat
{
    [FieldOffset(0)] public ulong Dev;
    [FieldOffset(8)] public ulong Ino;
    [FieldOffset(16)] public ulong NLink;
    [FieldOffset(24)] public uint Mode;
    [FieldOffset(28)] public uint Uid;
    [FieldOffset(32)] public uint Gid;
    [FieldOffset(40)] public ulong RDev;
    [FieldOffset(48)] public long Size;
    [FieldOffset(56)] public long BlkSize;
    [FieldOffset(64)] public long Blocks;
    [FieldOffset(72)] public TimeSpec ATime;
    [FieldOffset(88)] public TimeSpec MTime;
    [FieldOffset(104)] public TimeSpec CTime;
}

/// <summary><c>struct timespec</c>: seconds and nanoseconds since the Unix epoch.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct TimeSpec
{
    public long Seconds;
    public long Nanoseconds;

    public static TimeSpec FromUnixMilliseconds(long milliseconds) => new()
    {
        Seconds = Math.DivRem(milliseconds, 1000, out var rem) - (rem < 0 ? 1 : 0),
        Nanoseconds = (rem < 0 ? rem + 1000 : rem) * 1_000_000,
    };
}
