using System.CommandLine;
using GPhotosFs.Cli.Commands;

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
        };
        return root.Parse(args).Invoke();
    }
}
