using System.CommandLine;
using GPhotosFs.Fuse;
using GPhotosFs.Mount;

namespace GPhotosFs.Cli.Commands;

/// <summary><c>gphotosfs unmount MOUNTPOINT</c>: end a mount (the daemon then exits by itself).</summary>
internal static class UnmountCommand
{
    public static Command Create()
    {
        var mountPoint = new Argument<string>("MOUNTPOINT") { Description = "Where the library is mounted" };
        var lazy = new Option<bool>("--lazy", "-z") { Description = "Detach now even if files are open; the daemon exits when they close" };
        var command = new Command("unmount", "Unmount a library (also cleans up a dead mount left by a killed daemon)") { mountPoint, lazy };
        command.SetAction(parse => Run(Path.GetFullPath(parse.GetValue(mountPoint)!), parse.GetValue(lazy)));
        return command;
    }

    private static int Run(string mountPoint, bool lazy)
    {
        if (!MountPointCheck.IsMountedFuse(mountPoint, out _))
        {
            Console.Error.WriteLine($"gphotosfs: nothing is mounted at {mountPoint}.");
            return ExitCodes.Failed;
        }

        var result = Unmounter.Unmount(mountPoint, lazy);
        if (result.Success)
        {
            return ExitCodes.Ok;
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
}
