using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace GPhotosFs.IO;

/// <summary>
/// Every libc call the project makes, bound once (glibc, x86_64 layouts; <see cref="Stat"/> is
/// checked against the C headers by a test). Only libfuse's own entry points live elsewhere, in
/// the FUSE binding. Calls that set errno read it with <see cref="Marshal.GetLastPInvokeError"/>.
/// </summary>
public static unsafe partial class Libc
{
    public const int O_RDONLY = 0;
    public const int O_WRONLY = 1;
    public const int O_CREAT = 0x40;
    public const int O_EXCL = 0x80;
    public const int O_APPEND = 0x400;
    public const int O_DIRECTORY = 0x10000;
    public const int O_CLOEXEC = 0x80000;

    /// <summary>An unnamed file in the given folder, linked in later or freed when closed (Linux 3.11+, not every filesystem).</summary>
    public const int O_TMPFILE = 0x400000 | O_DIRECTORY;

    public const int AT_FDCWD = -100;
    public const int AT_SYMLINK_FOLLOW = 0x400;

    public const int LOCK_UN = 8;

    public const int MNT_DETACH = 2;

    public const int EXDEV = 18;
    public const int ENOSPC = 28;
    public const int EISDIR = 21;
    public const int EINVAL = 22;
    public const int EOPNOTSUPP = 95;

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags, uint mode);

    /// <summary>Replaces this process's program (same PID); returns only on failure. Arrays are NULL-terminated UTF-8 string pointers.</summary>
    [LibraryImport("libc", EntryPoint = "execve", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Execve(string path, nint* argv, nint* envp);

    [LibraryImport("libc", EntryPoint = "close")]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "dup2")]
    public static partial int Dup2(int oldFd, int newFd);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    public static partial int Fsync(int fd);

    public const int SIGHUP = 1;
    public const int SIGINT = 2;
    public const int SIGTERM = 15;

    /// <summary>signal(2) with SIG_DFL: the default action for <paramref name="signum"/>.</summary>
    public static void RestoreDefaultAction(int signum) => Signal(signum, 0);

    [LibraryImport("libc", EntryPoint = "signal")]
    private static partial nint Signal(int signum, nint handler);

    [LibraryImport("libc", EntryPoint = "rename", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Rename(string source, string target);

    [LibraryImport("libc", EntryPoint = "linkat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int LinkAt(int oldDirFd, string oldPath, int newDirFd, string newPath, int flags);

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    public static partial int Flock(SafeFileHandle fd, int operation);

    [LibraryImport("libc", EntryPoint = "stat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int StatPath(string path, out Stat stat);

    /// <summary>statfs(2) into a buffer larger than glibc's <c>struct statfs</c> (120 bytes); only its result and errno are used.</summary>
    public static int StatFs(string path)
    {
        var buffer = stackalloc byte[256];
        return StatFs(path, buffer);
    }

    [LibraryImport("libc", EntryPoint = "umask")]
    public static partial uint Umask(uint mask);

    [LibraryImport("libc", EntryPoint = "umount2", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Umount2(string target, int flags);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    public static partial uint GetEuid();

    [LibraryImport("libc", EntryPoint = "getegid")]
    public static partial uint GetEgid();

    [LibraryImport("libc", EntryPoint = "setsid")]
    public static partial int SetSid();

    /// <summary>Makes renames and creations in <paramref name="folder"/> durable; best effort (a folder that cannot be opened is left as it is).</summary>
    public static void FsyncFolder(string folder)
    {
        var fd = Open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
        if (fd >= 0)
        {
            _ = Fsync(fd);
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "statfs", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int StatFs(string path, byte* buffer);
}
