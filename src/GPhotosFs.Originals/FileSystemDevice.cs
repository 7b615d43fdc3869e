using System.Runtime.InteropServices;

namespace GPhotosFs.Originals;

/// <summary>Which filesystem a path is on (st_dev), for the nearest existing folder when it does not exist yet.</summary>
internal static class FileSystemDevice
{
    public static ulong Of(string path)
    {
        var buffer = new byte[144];
        for (var p = Path.GetFullPath(path); !string.IsNullOrEmpty(p); p = Path.GetDirectoryName(p))
        {
            if (Stat(p, buffer) == 0)
            {
                return BitConverter.ToUInt64(buffer, 0);
            }
        }

        return ulong.MaxValue;
    }

    [DllImport("libc", EntryPoint = "stat", SetLastError = true)]
    private static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] buffer);
}
