using GPhotosFs.Cli.Config;
using GPhotosFs.Cli.Health;
using GPhotosFs.Cli.Logging;
using GPhotosFs.Library;
using Microsoft.Extensions.Logging;

namespace GPhotosFs.Cli.Commands;

/// <summary>
/// The common shape of the commands a timer runs unattended (sync, prefetch): resolve the library
/// from the options and its config (a bare command with only GPHOTOSFS_CONFIG_DIR set must work),
/// then run the work between health pings, its last log lines going with a failure.
/// </summary>
internal static class PingedLibraryCommand
{
    /// <param name="missingLibraryHint">Appended to "no library at DIR" (what to run first), or empty.</param>
    public static async Task<int> RunAsync(
        string? libraryOption, string? cacheFolder, string? healthcheckUrl, bool verbose, string missingLibraryHint,
        Func<LibraryLocation, RecentLogLines, Task<int>> work)
    {
        LibraryLocation library;
        Uri? pingUrl;
        try
        {
            LibraryConfig config;
            (library, config) = ConfiguredLibrary.Resolve(libraryOption, cacheFolder);
            pingUrl = ConfigOptions.HealthcheckUrlFrom(healthcheckUrl, config);
        }
        catch (ConfigException ex)
        {
            Console.Error.WriteLine($"gphotosfs: {ex.Message}");
            return ExitCodes.Config;
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine($"gphotosfs: {ex.Message}");
            return ExitCodes.Usage;
        }

        if (!library.Exists)
        {
            Console.Error.WriteLine($"gphotosfs: no library at {library.Folder}{missingLibraryHint}.");
            return ExitCodes.Failed;
        }

        var stderr = new StderrLogger("gphotosfs", verbose ? LogLevel.Debug : LogLevel.Warning);
        using var http = new HttpClient();
        var pinger = pingUrl is null ? null : new HealthcheckPinger(http, pingUrl, stderr);
        return await PingedRun.RunAsync(pinger, stderr, logger => work(library, logger)).ConfigureAwait(false);
    }
}
