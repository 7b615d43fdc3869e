using System.Runtime.InteropServices;

namespace GPhotosFs.Fuse.Native;

/// <summary>The few libc calls the mount lifecycle needs.</summary>
internal static partial class LibC
{
    public const int MNT_DETACH = 2;

    [LibraryImport("libc", EntryPoint = "umount2", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Umount2(string target, int flags);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    public static partial uint GetEuid();
}
