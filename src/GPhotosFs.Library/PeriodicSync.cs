using System.Globalization;
using GPhotosFs.Catalog;
using GPhotosFs.Catalog.History;
using GPhotosFs.Catalog.Sync;
using GPhotosFs.Library.History;
using Microsoft.Extensions.Logging;

namespace GPhotosFs.Library;

/// <summary>
/// Syncs the library's sources every so often while it is mounted (<c>-o sync_interval=SECONDS</c>).
/// New items reach the catalog, and the mount shows them through its usual catalog reload; an
/// unchanged library writes nothing, so the mounted tree is left alone.
/// </summary>
public sealed class PeriodicSync : IDisposable
{
    public const string OptionName = "sync_interval";

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private PeriodicSync(LibraryCatalog catalog, LibraryLocation library, ILogger logger, TimeSpan interval)
    {
        _loop = Task.Run(() => LoopAsync(catalog, library, logger, interval, _stop.Token));
    }

    public static PeriodicSync Start(LibraryCatalog catalog, LibraryLocation library, ILogger logger, TimeSpan interval) => new(catalog, library, logger, interval);

    /// <summary>Takes <c>sync_interval=SECONDS</c> out of <c>-o</c> option lists (the rest go to the mount's parser).</summary>
    /// <exception cref="ArgumentException">The value is not a whole number of seconds of at least 10.</exception>
    public static (string[] Remaining, TimeSpan? Interval) ExtractOption(IEnumerable<string> optionLists)
    {
        TimeSpan? interval = null;
        var rest = new List<string>();
        foreach (var list in optionLists)
        {
            var kept = new List<string>();
            foreach (var option in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (option.StartsWith(OptionName + "=", StringComparison.Ordinal))
                {
                    var value = option[(OptionName.Length + 1)..];
                    interval = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds >= 10
                        ? TimeSpan.FromSeconds(seconds)
                        : throw new ArgumentException($"{option}: give whole seconds, at least 10 (Google's daily quota is 10,000 requests).");
                }
                else
                {
                    kept.Add(option);
                }
            }

            if (kept.Count > 0) rest.Add(string.Join(',', kept));
        }

        return (rest.ToArray(), interval);
    }

    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(10));
        }
        catch (AggregateException)
        {
            // cancelled
        }

        _stop.Dispose();
    }

    private static async Task LoopAsync(LibraryCatalog catalog, LibraryLocation library, ILogger logger, TimeSpan interval, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                using var syncs = SourceSyncs.Create(catalog, library, logger);
                foreach (var (source, sync) in syncs.For(catalog.GetSources()))
                {
                    using var run = RecordedRun.Start(catalog, library, logger, RunKinds.Sync, source.Name);
                    var outcome = await sync.SyncAsync(source, new SyncRequest(Full: false), stop).ConfigureAwait(false);
                    run.Complete(new RunOutcome(outcome.Succeeded, ItemsAdded: outcome.ItemsAdded, Errors: outcome.Succeeded ? 0 : 1, Error: outcome.Error));
                    if (outcome.Succeeded)
                    {
                        logger.LogInformation("Synced '{Source}': {Added} new of {Seen} items", source.Name, outcome.ItemsAdded, outcome.ItemsSeen);
                    }
                    else
                    {
                        logger.LogWarning("Sync of '{Source}' {Result}: {Error}", source.Name, outcome.Result.ToText(), outcome.Error);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // unmounting
        }
        catch (Exception ex) when (ex is CatalogException or GPhotosFs.Google.GoogleConfigException)
        {
            logger.LogError("Periodic sync stopped: {Reason}", ex.Message);
        }
    }
}
