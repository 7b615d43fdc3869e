using System.CommandLine;
using GPhotosFs.Cli.Commands;
using GPhotosFs.Cli.Daemon;

namespace GPhotosFs.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("GPhotosFs: your Google Photos library as a read-only filesystem, with originals cached locally for backups.")
        {
            MountCommand.Create(),
            UnmountCommand.Create(),
            DemoCommand.Create(),
            PrefetchCommand.Create(),
            CacheCommand.Create(),
            TakeoutCommand.Create(),
            InitCommand.Create(),
            StatusCommand.Create(),
            AuthCommand.Create(),
            SyncCommand.Create(),
            PickCommand.Create(),
        };
        try
        {
            // mount(8) and fstab run "gphotosfs LIBRARY MOUNTPOINT -o OPTS" (see MountHelperArguments).
            args = MountHelperArguments.Rewrite(args, root.Subcommands.Select(c => c.Name).ToHashSet()) ?? args;
            return root.Parse(args).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex)
        {
            // A bug, not a user error: one clear line (the type says where to look), not a stack trace.
            Console.Error.WriteLine($"gphotosfs: unexpected {ex.GetType().Name}: {ex.Message}");
            if (Environment.GetEnvironmentVariable("GPHOTOSFS_DEBUG") == "1")
            {
                Console.Error.WriteLine(ex);
            }

            return ExitCodes.Failed;
        }
    }
}
