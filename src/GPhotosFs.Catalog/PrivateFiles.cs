using System.Globalization;
using System.Runtime.InteropServices;
using GPhotosFs.IO;
using Microsoft.Win32.SafeHandles;

namespace GPhotosFs.Catalog;

/// <summary>
/// Creates files and folders readable only by their owner, and replaces small files (config,
/// token, health and lock records) atomically. The catalog reveals what is in a user's photo
/// library (names, places, times) and the config folder holds tokens, so on a shared NAS nobody
/// else should read them, not even for the instant between creating a file and fixing its mode.
/// </summary>
public static class PrivateFiles
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerAll = OwnerReadWrite | UnixFileMode.UserExecute;

    /// <summary>
    /// Creates <paramref name="directory"/> and its missing parents, each with mode 0700. Folders
    /// that already exist are left alone: they belong to the user, who may share them on purpose.
    /// </summary>
    public static void EnsureDirectory(string directory)
    {
        if (Directory.Exists(directory))
        {
            return;
        }

        // Directory.CreateDirectory(path, mode) gives the mode to the last folder only; create
        // the missing ones top-down so every folder we create is private.
        var missing = new Stack<string>();
        for (string? current = directory; current is not null && !Directory.Exists(current); current = Path.GetDirectoryName(current))
        {
            missing.Push(current);
        }

        while (missing.TryPop(out string? folder))
        {
            Directory.CreateDirectory(folder, OwnerAll);

            // mkdir applies the umask; a umask can only remove bits, but make the mode exact anyway.
            File.SetUnixFileMode(folder, OwnerAll);
        }
    }

    /// <summary>
    /// Creates a new empty file with mode 0600, failing if it exists. SQLite gives the '-wal' and
    /// '-shm' files it creates later the same mode as the database file, so creating the database
    /// file this way keeps all three private without racing SQLite to chmod them.
    /// </summary>
    public static void CreateEmptyFile(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerReadWrite };
        using (new FileStream(path, options))
        {
        }

        // The create mode is filtered through the umask; make the result exact regardless.
        File.SetUnixFileMode(path, OwnerReadWrite);
    }

    /// <summary>
    /// Replaces <paramref name="path"/> with what <paramref name="write"/> writes: readers see the
    /// old file or the new one, never a part of it, and after a crash at any point the old file is
    /// intact. The new bytes go to an unnamed file (O_TMPFILE) in the same folder, created 0600
    /// whatever the umask, fsync'd, then linked under a temporary name and renamed over the target;
    /// the folder is fsync'd last so the rename itself survives a power cut. A crash before the link
    /// leaves nothing behind (the kernel frees the unnamed file); only a crash in the instant
    /// between link and rename leaves a <c>.tmp</c> beside it. On filesystems without O_TMPFILE the
    /// temporary file is created 0600 under its name from the start. The folder is created 0700 if missing.
    /// </summary>
    /// <param name="syncFolder">
    /// False skips the folder's fsync: for a record that is rewritten often and where finding the
    /// previous version after a power cut is harmless (a download's range record names fewer bytes).
    /// </param>
    public static void ReplaceAtomically(string path, Action<Stream> write, bool syncFolder = true) =>
        ReplaceAtomically(path, write, syncFolder, beforeNaming: null);

    /// <summary>Replaces <paramref name="path"/> with <paramref name="contents"/>, as <see cref="ReplaceAtomically(string, Action{Stream}, bool)"/> does.</summary>
    public static void ReplaceAtomically(string path, ReadOnlyMemory<byte> contents, bool syncFolder = true) =>
        ReplaceAtomically(path, stream => stream.Write(contents.Span), syncFolder, beforeNaming: null);

    /// <param name="beforeNaming">Tests: runs once the new bytes are durable and before they get any name (a crash there must leave the old file alone).</param>
    internal static void ReplaceAtomically(string path, Action<Stream> write, bool syncFolder, Action<SafeFileHandle>? beforeNaming, bool allowUnnamed = true)
    {
        var target = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(target)!;
        EnsureDirectory(folder);
        var temporary = $"{target}.{Random.Shared.Next():x8}.tmp";
        var unnamed = allowUnnamed ? OpenUnnamed(folder) : null;
        var handle = unnamed ?? CreateNamed(temporary);
        var named = unnamed is null;
        try
        {
            // Unnamed or named, the file was created 0600 at most (the umask can only remove
            // bits); make it exact before the first byte, as nobody can open it yet.
            File.SetUnixFileMode(handle, OwnerReadWrite);
            using (var stream = new FileStream(handle, FileAccess.Write, bufferSize: 0))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
                beforeNaming?.Invoke(handle);
                if (!named)
                {
                    // linkat through /proc needs no privilege (AT_EMPTY_PATH would need CAP_DAC_READ_SEARCH).
                    var fd = handle.DangerousGetHandle().ToInt32().ToString(CultureInfo.InvariantCulture);
                    ThrowOnError(Libc.LinkAt(Libc.AT_FDCWD, $"/proc/self/fd/{fd}", Libc.AT_FDCWD, temporary, Libc.AT_SYMLINK_FOLLOW), "cannot write", target);
                    named = true;
                }
            }

            ThrowOnError(Libc.Rename(temporary, target), "cannot replace", target);
            named = false;
        }
        finally
        {
            handle.Dispose();
            if (named)
            {
                File.Delete(temporary);
            }
        }

        if (syncFolder)
        {
            Libc.FsyncFolder(folder);
        }
    }

    /// <summary>
    /// Opens <paramref name="path"/> (created 0600 if missing) holding an exclusive flock on it,
    /// waiting up to about two seconds while another process holds it. The lock is released when
    /// the returned stream is disposed or the process dies.
    /// </summary>
    public static FileStream LockExclusively(string path)
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.OpenOrCreate,
            Access = FileAccess.ReadWrite,
            Share = FileShare.None, // .NET takes flock(LOCK_EX | LOCK_NB) for FileShare.None on Unix
            UnixCreateMode = OwnerReadWrite,
        };
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, options);
            }
            catch (IOException) when (attempt < 200 && File.Exists(path))
            {
                Thread.Sleep(10);
            }
        }
    }

    /// <summary>An unnamed 0600 file in <paramref name="folder"/>, or null where the filesystem (or kernel) has no O_TMPFILE.</summary>
    private static SafeFileHandle? OpenUnnamed(string folder)
    {
        var fd = Libc.Open(folder, Libc.O_TMPFILE | Libc.O_WRONLY | Libc.O_CLOEXEC, (uint)OwnerReadWrite);
        if (fd >= 0)
        {
            return new SafeFileHandle(fd, ownsHandle: true);
        }

        var errno = Marshal.GetLastPInvokeError();
        if (errno is Libc.EOPNOTSUPP or Libc.EISDIR or Libc.EINVAL)
        {
            return null;
        }

        throw new IOException($"cannot write in {folder}: {Marshal.GetPInvokeErrorMessage(errno)}", errno);
    }

    /// <summary>A new file created 0600 (at most: the umask may remove bits) under its name, failing if it exists.</summary>
    private static SafeFileHandle CreateNamed(string path)
    {
        var fd = Libc.Open(path, Libc.O_WRONLY | Libc.O_CREAT | Libc.O_EXCL | Libc.O_CLOEXEC, (uint)OwnerReadWrite);
        ThrowOnError(fd < 0 ? -1 : 0, "cannot create", path);
        return new SafeFileHandle(fd, ownsHandle: true);
    }

    private static void ThrowOnError(int result, string what, string path)
    {
        if (result != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException($"{what} {path}: {Marshal.GetPInvokeErrorMessage(errno)}", errno);
        }
    }
}
