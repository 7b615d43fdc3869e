using GPhotosFs.Catalog;
using GPhotosFs.Catalog.Health;
using GPhotosFs.Cli.Daemon;
using GPhotosFs.Cli.Status;
using GPhotosFs.Fuse;
using GPhotosFs.Library;

namespace GPhotosFs.Cli.Commands;

/// <summary>
/// The one mapping from the errors a command reports (one line naming what to fix) to its exit
/// code, used by every command that resolves a library. Any other exception is a bug and is not caught.
/// A source's failed run (a sync) exits with the code <c>status</c> gives the problem it left in the
/// source's health record, so `sync` and `status` never disagree on what broke.
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

    /// <summary>
    /// The exit code of a source's run that failed: the code `status` gives the problem its health
    /// record shows after the run (10 auth broken, 11 quota used up, 12 source unavailable or the web
    /// UI changed), else <see cref="ExitCodes.Failed"/>. Every source kind records its failures
    /// there, so this holds for all of them without a rule per kind.
    /// </summary>
    /// <param name="runStarted">A quota counts when it stayed blocked past the run's start (a block the run itself hit, or one it was refused by).</param>
    public static int ExitCodeOfFailedRun(SourceHealth health, DateTimeOffset runStarted) =>
        SourceHealthProblems.Of("", health, runStarted).Select(p => p.ExitCode).DefaultIfEmpty(ExitCodes.Failed).Min();

    /// <summary>Of several failed runs' codes, the one a person must act on first: auth (10), quota (11), unavailable (12), then any other (1); 0 when none failed.</summary>
    public static int MostUrgent(IEnumerable<int> codes) =>
        codes.Where(c => c != ExitCodes.Ok).OrderBy(c => c == ExitCodes.Failed ? int.MaxValue : c).FirstOrDefault(ExitCodes.Ok);
}
