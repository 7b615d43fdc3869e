namespace GPhotosFs.Originals;

/// <summary>Recognizes a full disk, and measures free space (statvfs through DriveInfo).</summary>
internal static class DiskSpace
{
    private const int ENOSPC = 28;
    private const int EDQUOT = 122;

    public static bool IsFull(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is IOException io && (io.HResult is ENOSPC or EDQUOT || (io.HResult & 0xFFFF) is ENOSPC or EDQUOT
                || io.Message.Contains("No space left on device", StringComparison.Ordinal)
                || io.Message.Contains("Disk quota exceeded", StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Bytes an unprivileged writer may still use on the filesystem holding <paramref name="path"/>; null when unknown.</summary>
    public static long? Available(string path)
    {
        try
        {
            return new DriveInfo(path).AvailableFreeSpace;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }
}

/// <summary>Writing into the cache failed because its disk is full; the message says where and what to do.</summary>
public sealed class CacheDiskFullException(string message, Exception inner) : IOException(message, inner);
