using System.Diagnostics;
using System.Runtime.InteropServices;
using GPhotosFs.IO;

namespace GPhotosFs.Fuse;

/// <summary>
/// Unmounts a FUSE mount: <c>umount2</c> as root, <c>fusermount3 -u</c> otherwise (the setuid helper
/// is the only way an unprivileged user may unmount). Unmounting is what ends libfuse's loop: the
/// kernel drops the connection and the workers' reads fail with ENODEV.
/// </summary>
public static class Unmounter
{
    /// <param name="lazy">Detach now even if files are open (MNT_DETACH); the daemon serves them until they close.</param>
    public static UnmountResult Unmount(string mountPoint, bool lazy)
    {
        if (Libc.GetEuid() == 0)
        {
            if (Libc.Umount2(mountPoint, lazy ? Libc.MNT_DETACH : 0) == 0)
            {
                return UnmountResult.Ok;
            }

            var errno = Marshal.GetLastPInvokeError();
            return new UnmountResult(false, errno, $"umount {mountPoint}: {Marshal.GetPInvokeErrorMessage(errno)}");
        }

        return RunFusermount(mountPoint, lazy);
    }

    private static UnmountResult RunFusermount(string mountPoint, bool lazy)
    {
        var start = new ProcessStartInfo("fusermount3") { RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(lazy ? "-uz" : "-u");
        start.ArgumentList.Add(mountPoint);
        try
        {
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEnd().Trim();
            process.WaitForExit();
            if (process.ExitCode == 0)
            {
                return UnmountResult.Ok;
            }

            var busy = stderr.Contains("busy", StringComparison.OrdinalIgnoreCase);
            return new UnmountResult(false, busy ? Errno.EBUSY : Errno.EPERM, stderr.Length > 0 ? stderr : $"fusermount3 exited with {process.ExitCode}");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return new UnmountResult(false, Errno.ENOENT, $"cannot run fusermount3 (install Debian's fuse3 package): {ex.Message}");
        }
    }
}
