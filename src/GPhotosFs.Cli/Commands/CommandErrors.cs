using GPhotosFs.Catalog;
using GPhotosFs.Cli.Daemon;
using GPhotosFs.Fuse;
using GPhotosFs.Library;

namespace GPhotosFs.Cli.Commands;

/// <summary>
/// The one mapping from the errors a command reports (one line naming what to fix) to its exit
/// code, used by every command that resolves a library. Any other exception is a bug and is not caught.
/// </summary>
internal static class CommandErrors
{
    /// <summary>The exit code of an error the user can act on, or null for one that is a bug.</summary>
    public static int? ExitCodeOf(Exception error) => error switch
    {
        ConfigException => ExitCodes.Config,
        ArgumentException => ExitCodes.Usage,
        MountLockHeldException => ExitCodes.Busy,
        CatalogException or FuseException => ExitCodes.Failed,
        _ => null,
    };

    /// <summary>Whether <paramref name="error"/> is one a command reports and exits on (see <see cref="ExitCodeOf"/>).</summary>
    public static bool IsReported(Exception error) => ExitCodeOf(error) is not null;

    /// <summary>Writes "gphotosfs: message" to stderr and returns the exit code.</summary>
    public static int Report(Exception error)
    {
        Console.Error.WriteLine($"gphotosfs: {error.Message}");
        return ExitCodeOf(error) ?? ExitCodes.Failed;
    }
}
