using GPhotosFs.IO;

namespace GPhotosFs.Originals;

/// <summary>Which filesystem a path is on (st_dev), for the nearest existing folder when it does not exist yet.</summary>
internal static class FileSystemDevice
{
    public static ulong Of(string path)
    {
        for (var p = Path.GetFullPath(path); !string.IsNullOrEmpty(p); p = Path.GetDirectoryName(p))
        {
            if (Libc.StatPath(p, out var stat) == 0)
            {
                return stat.Dev;
            }
        }

        return ulong.MaxValue;
    }
}
