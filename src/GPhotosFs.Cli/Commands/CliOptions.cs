using System.CommandLine;

namespace GPhotosFs.Cli.Commands;

/// <summary>Options shared by several commands.</summary>
internal static class CliOptions
{
    public static Option<string?> Library() => new("--library", "-l")
    {
        Description = "The library folder (default: $GPHOTOSFS_LIBRARY, else the \"library\" of $GPHOTOSFS_CONFIG_DIR/config.json, else ~/.local/share/gphotosfs/library)",
        HelpName = "DIR",
    };

    public static Option<bool> Verbose() => new("--verbose", "-v") { Description = "Log debug details" };
}
