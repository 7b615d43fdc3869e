using System.CommandLine;
using GPhotosFs.Cli.Daemon;
using GPhotosFs.Fuse;
using GPhotosFs.Library;
using GPhotosFs.Mount;

namespace GPhotosFs.Cli.Commands;

/// <summary>
/// <c>gphotosfs unmount MOUNTPOINT</c>: end a mount and return once its daemon has exited and the
/// library's mount lock is free, so a <c>gphotosfs mount</c> right after it works.
/// </summary>
internal static class UnmountCommand
{
    /// <summary>How long to wait for the daemon after the unmount (it flushes and closes the catalog; a few seconds at most).</summary>
    private static readonly TimeSpan DaemonExitTimeout = TimeSpan.FromSeconds(60);

    public static Command Create()
    {
        var mountPoint = new Argument<string>("MOUNTPOINT") { Description = "Where the library is mounted" };
        var lazy = new Option<bool>("--lazy", "-z") { Description = "Detach now even if files are open; the daemon exits when they close (not waited for)" };
        var command = new Command("unmount", "Unmount a library and wait for its daemon to exit (also cleans up a dead mount left by a killed daemon)") { mountPoint, lazy };
        command.SetAction(parse => Run(Path.GetFullPath(parse.GetValue(mountPoint)!), parse.GetValue(lazy)));
        return command;
    }

    private static int Run(string mountPoint, bool lazy)
    {
        switch (MountPointCheck.MountedType(mountPoint))
        {
            case null:
                Console.Error.WriteLine($"gphotosfs: nothing is mounted at {mountPoint}.");
                return ExitCodes.Failed;
            case var type when type != "fuse.gphotosfs":
                Console.Error.WriteLine($"gphotosfs: {mountPoint} is not a gphotosfs mount (it is {type}); unmount it with 'umount {mountPoint}'" +
                                        (type.StartsWith("fuse", StringComparison.Ordinal) ? $" or 'fusermount3 -u {mountPoint}'." : "."));
                return ExitCodes.Failed;
        }

        // Asked before the unmount, while the daemon can still answer (a dead mount cannot: nothing to wait for).
        var daemon = lazy ? null : DaemonFile.Read(mountPoint, TimeSpan.FromSeconds(5));
        var result = Unmounter.Unmount(mountPoint, lazy);
        if (result.Success)
        {
            return daemon is null ? ExitCodes.Ok : WaitForExit(daemon, mountPoint);
        }

        if (result.Errno == Errno.EBUSY)
        {
            Console.Error.WriteLine($"gphotosfs: {mountPoint} is busy: files or folders in it are open (see 'fuser -vm {mountPoint}'). " +
                                    "Close them, or run 'gphotosfs unmount --lazy' to detach now.");
            return ExitCodes.Busy;
        }

        Console.Error.WriteLine($"gphotosfs: {result.Message}");
        return ExitCodes.Failed;
    }

    private static int WaitForExit(DaemonRecord daemon, string mountPoint)
    {
        var deadline = DateTime.UtcNow + DaemonExitTimeout;
        while (IsRunning(daemon.Pid) || !MountLock.IsFree(daemon.StateFolder))
        {
            if (DateTime.UtcNow > deadline)
            {
                Console.Error.WriteLine($"gphotosfs: unmounted {mountPoint}, but its gphotosfs process {daemon.Pid} has not exited after {DaemonExitTimeout.TotalSeconds:0} s " +
                                        $"(see {new LibraryLocation(daemon.Library).LogPath}); a new mount of {daemon.Library} waits for it.");
                return ExitCodes.Failed;
            }

            Thread.Sleep(20);
        }

        return ExitCodes.Ok;
    }

    /// <summary>Alive and not a zombie (an exited daemon whose parent has not reaped it has closed everything).</summary>
    private static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return !stat[(stat.LastIndexOf(')') + 1)..].TrimStart().StartsWith('Z');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
