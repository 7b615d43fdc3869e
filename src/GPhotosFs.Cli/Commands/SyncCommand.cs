using System.CommandLine;
using System.Diagnostics;
using GPhotosFs.Catalog;
using GPhotosFs.Catalog.Health;
using GPhotosFs.Catalog.History;
using GPhotosFs.Catalog.Sync;
using GPhotosFs.Cli.Health;
using GPhotosFs.Cli.History;
using GPhotosFs.Library;
using GPhotosFs.Library.History;

namespace GPhotosFs.Cli.Commands;

/// <summary><c>gphotosfs sync</c>: bring every configured source's items into the catalog once.</summary>
internal static class SyncCommand
{
    public static Command Create()
    {
        var library = CliOptions.Library();
        var full = new Option<bool>("--full") { Description = "Re-read everything and mark items the source no longer has (slower, more requests)" };
        var sourceName = new Option<string?>("--source") { Description = "Only this source (its name)", HelpName = "NAME" };
        var verbose = CliOptions.Verbose();
        var healthcheckUrl = ConfigOptions.HealthcheckUrl();
        var command = new Command("sync", "Bring the catalog up to date with the library's sources (Google Photos; for Takeout, check its archives are all still there). " +
                                          "Exit 0 when every source synced; when one failed, the code `status` then gives: 10 sign-in or authorization needed, " +
                                          "11 quota used up, 12 source unavailable (an archive missing, Google unreachable, the web UI changed), else 1")
        {
            library, full, sourceName, healthcheckUrl, verbose,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            parse.GetValue(library), parse.GetValue(healthcheckUrl), parse.GetValue(full), parse.GetValue(sourceName), parse.GetValue(verbose), cancellationToken));
        return command;
    }

    // The systemd timer runs a bare `gphotosfs sync` with only GPHOTOSFS_CONFIG_DIR set.
    private static Task<int> RunAsync(string? libraryOption, string? healthcheckUrl, bool full, string? sourceName, bool verbose, CancellationToken cancellationToken) =>
        PingedLibraryCommand.RunAsync(libraryOption, null, healthcheckUrl, verbose, "; run `gphotosfs auth` or `gphotosfs takeout add` first",
            (library, logger) => SyncAsync(library, logger, full, sourceName, cancellationToken));

    private static async Task<int> SyncAsync(LibraryLocation library, RecentLogLines logger, bool full, string? sourceName, CancellationToken cancellationToken)
    {
        try
        {
            using var catalog = LibraryCatalog.Open(library.CatalogPath, CatalogAccess.ReadWrite);
            using var syncs = SourceSyncs.Create(catalog, library, logger);
            var sources = catalog.GetSources().Where(s => sourceName is null || s.Name == sourceName).ToList();
            var runnable = syncs.For(sources).ToList();
            if (runnable.Count == 0)
            {
                Console.Error.WriteLine(sourceName is null
                    ? "gphotosfs: this library has no source to sync; run `gphotosfs auth` to add Google Photos."
                    : $"gphotosfs: no source named '{sourceName}' that can be synced.");
                return ExitCodes.Failed;
            }

            var health = new SourceHealthStore(library.StateFolder);
            var failures = new List<int>();
            foreach (var (source, sync) in runnable)
            {
                var clock = Stopwatch.StartNew();
                var started = DateTimeOffset.UtcNow;
                using var run = RecordedRun.Start(catalog, library, logger, RunKinds.Sync, source.Name);
                var outcome = await sync.SyncAsync(source, new SyncRequest(full, new ProgressLines(source.Name)), cancellationToken);
                run.Complete(new RunOutcome(outcome.Succeeded, ItemsAdded: outcome.ItemsAdded, Errors: outcome.Succeeded ? 0 : 1, Error: outcome.Error));
                var summary = $"{source.Name}: {outcome.Result.ToText()}, {outcome.ItemsSeen:N0} items seen, {outcome.ItemsAdded:N0} new" +
                              (full || outcome.ItemsMissing > 0 ? $", {outcome.ItemsMissing:N0} newly missing" : "") + $" in {clock.Elapsed.TotalSeconds:0.0} s";
                Console.Error.WriteLine(summary);
                logger.Add(summary);
                if (!outcome.Succeeded)
                {
                    failures.Add(CommandErrors.ExitCodeOfFailedRun(health.Read(source.Id), started));
                    Console.Error.WriteLine($"gphotosfs: {outcome.Error}");
                    logger.Add($"gphotosfs: {outcome.Error}");
                }
            }

            return CommandErrors.MostUrgent(failures);
        }
        catch (CatalogException ex)
        {
            Console.Error.WriteLine($"gphotosfs: {ex.Message}");
            return ExitCodes.Failed;
        }
        catch (GPhotosFs.Google.GoogleConfigException ex)
        {
            Console.Error.WriteLine($"gphotosfs: {ex.Message}");
            return ExitCodes.Failed;
        }
    }

    /// <summary>Progress as plain lines on stderr, at most one a second per phase (logs and pipes stay readable).</summary>
    private sealed class ProgressLines(string source) : IProgress<SyncProgress>
    {
        private readonly Stopwatch _since = Stopwatch.StartNew();
        private string? _phase;

        public void Report(SyncProgress value)
        {
            lock (_since)
            {
                var finished = value.Total is { } total && value.Done >= total;
                if (value.Phase == _phase && _since.ElapsedMilliseconds < 1000 && !finished)
                {
                    return;
                }

                _phase = value.Phase;
                _since.Restart();
                Console.Error.WriteLine(value.Total is { } t
                    ? $"{source}: {value.Phase} {value.Done:N0}/{t:N0}"
                    : $"{source}: {value.Phase} {value.Done:N0}");
            }
        }
    }
}
