using System.Runtime.InteropServices;
using GPhotosFs.IO;

namespace GPhotosFs.Mount;

/// <summary>Checks a mount point before mounting, so the user gets a precise reason rather than libfuse's.</summary>
public static class MountPointCheck
{
    private const int ECONNABORTED = 103;
    private const int ENOTCONN = 107;

    /// <summary>Null when <paramref name="mountPoint"/> can be mounted on; otherwise what is wrong and what to do.</summary>
    /// <param name="allowNonEmpty">-o nonempty: mount over a folder that holds files (they are hidden until the unmount).</param>
    public static string? Problem(string mountPoint, bool allowNonEmpty = false)
    {
        var full = Path.GetFullPath(mountPoint);
        if (IsMountedFuse(full, out var fsType))
        {
            return IsDisconnected(full)
                ? $"{full} is a dead FUSE mount (its daemon ended without unmounting). Run 'gphotosfs unmount {full}' (or 'fusermount3 -u {full}') and mount again."
                : $"{full} is already mounted ({fsType}). Unmount it first with 'gphotosfs unmount {full}'.";
        }

        if (!Directory.Exists(full))
        {
            return File.Exists(full) ? $"{full} is a file, not a folder." : $"the mount point {full} does not exist; create it with 'mkdir -p {full}'.";
        }

        if (!allowNonEmpty && FirstEntry(full) is { } entry)
        {
            return $"the mount point {full} is not empty (it holds '{entry}'); the mount would hide what is there. " +
                   "Mount on an empty folder, or add '-o nonempty' to mount over it anyway.";
        }

        return null;
    }

    /// <summary>The type of whatever is mounted exactly at <paramref name="path"/> (e.g. fuse.gphotosfs, ext4), or null.</summary>
    public static string? MountedType(string path)
    {
        foreach (var line in File.ReadLines("/proc/self/mountinfo"))
        {
            var fields = line.Split(' ');
            var separator = Array.IndexOf(fields, "-");
            if (separator > 4 && Unescape(fields[4]) == path)
            {
                return fields[separator + 1];
            }
        }

        return null;
    }

    private static string? FirstEntry(string folder)
    {
        try
        {
            return Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName).FirstOrDefault();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null; // unreadable: libfuse reports what matters
        }
    }

    /// <summary>Whether a FUSE filesystem is mounted exactly at <paramref name="path"/> (from /proc/self/mountinfo).</summary>
    public static bool IsMountedFuse(string path, out string fsType)
    {
        fsType = "";
        foreach (var line in File.ReadLines("/proc/self/mountinfo"))
        {
            var fields = line.Split(' ');
            var separator = Array.IndexOf(fields, "-");
            if (separator > 4 && Unescape(fields[4]) == path && fields[separator + 1].StartsWith("fuse", StringComparison.Ordinal))
            {
                fsType = fields[separator + 1];
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// statfs is never answered from the kernel's cache (stat of the root may be, for a day), so it
    /// reaches the connection and fails when the daemon behind it is gone: with ENOTCONN, or with
    /// ECONNABORTED when the request raced the connection's teardown.
    /// </summary>
    private static bool IsDisconnected(string path)
    {
        return Libc.StatFs(path) != 0 && Marshal.GetLastPInvokeError() is ENOTCONN or ECONNABORTED;
    }

    /// <summary>mountinfo escapes space, tab, newline and backslash as octal.</summary>
    private static string Unescape(string field) =>
        System.Text.RegularExpressions.Regex.Replace(field, @"\\([0-7]{3})", m => ((char)Convert.ToInt32(m.Groups[1].Value, 8)).ToString());
}
