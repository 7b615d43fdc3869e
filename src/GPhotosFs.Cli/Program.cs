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
            DriveCommand.Create(),
            InitCommand.Create(),
            StatusCommand.Create(),
            AuthCommand.Create(),
            SyncCommand.Create(),
            PickCommand.Create(),
            WebCommand.Create(),
        };
        try
        {
            // mount(8) and fstab run "gphotosfs LIBRARY MOUNTPOINT -o OPTS" (see MountHelperArguments).
            args = MountHelperArguments.Rewrite(args, root.Subcommands.Select(c => c.Name).ToHashSet()) ?? args;
            var parsed = root.Parse(args);
            if (parsed.Errors.Count > 0)
            {
                // A usage error (exit 2), said in one line per error rather than the whole help.
                foreach (var error in parsed.Errors)
                {
                    Console.Error.WriteLine($"gphotosfs: {WithoutTypeNames(error.Message)}");
                }

                Console.Error.WriteLine($"See '{string.Join(' ', ["gphotosfs", .. CommandPath(parsed.CommandResult)])} --help'.");
                return ExitCodes.Usage;
            }

            return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
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

    /// <summary>System.CommandLine names the .NET type a value failed to parse as ("as expected type 'System.Int32'"); say it in words.</summary>
    private static string WithoutTypeNames(string message) =>
        System.Text.RegularExpressions.Regex.Replace(message, @"as expected type '([^']+)'", m => m.Groups[1].Value switch
        {
            var t when t.Contains("Int", StringComparison.Ordinal) => "as a whole number",
            var t when t.Contains("Date", StringComparison.Ordinal) => "as a date like 2023-01-01",
            var t when t.Contains("Boolean", StringComparison.Ordinal) => "as true or false",
            _ => "as a valid value",
        });

    /// <summary>"takeout add" for the add subcommand of takeout (the root's name left out).</summary>
    private static List<string> CommandPath(System.CommandLine.Parsing.CommandResult result)
    {
        var names = new List<string>();
        for (var current = result; current is not null && current.Parent is not null; current = current.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Insert(0, current.Command.Name);
        }

        return names;
    }
}
