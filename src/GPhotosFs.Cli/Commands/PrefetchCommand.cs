using System.CommandLine;
using System.Globalization;
using GPhotosFs.Catalog;
using GPhotosFs.Catalog.History;
using GPhotosFs.Cli.Daemon;
using GPhotosFs.Cli.Health;
using GPhotosFs.Cli.History;
using GPhotosFs.Library;
using GPhotosFs.Library.History;
using GPhotosFs.Originals;
using GPhotosFs.Vfs.Tree;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace GPhotosFs.Cli.Commands;

/// <summary><c>gphotosfs prefetch</c>: fill the cache with originals ahead of time.</summary>
internal static class PrefetchCommand
{
    public static Command Create()
    {
        var library = CliOptions.Library();
        var since = new Option<DateTimeOffset?>("--since")
        {
            Description = "Only items captured on or after this date (e.g. 2023-01-01)",
            HelpName = "DATE",
            CustomParser = ParseDate,
        };
        var album = new Option<string?>("--album") { Description = "Only the items of this album (its title)", HelpName = "TITLE" };
        var jobs = new Option<int>("--jobs", "-j") { Description = "Downloads at once", DefaultValueFactory = _ => 8 };
        var verbose = CliOptions.Verbose();
        var cacheFolder = ConfigOptions.CacheFolder();
        var healthcheckUrl = ConfigOptions.HealthcheckUrl();
        var command = new Command("prefetch", "Download originals into the cache now (a mounted library does it on first read)")
        {
            library, since, album, jobs, cacheFolder, healthcheckUrl, verbose,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            parse.GetValue(library), parse.GetValue(cacheFolder), parse.GetValue(healthcheckUrl),
            parse.GetValue(since), parse.GetValue(album), parse.GetValue(jobs), parse.GetValue(verbose), cancellationToken));
        return command;
    }

    /// <summary>A date (2023-01-01) or a full time (2023-01-01T18:00:00+02:00); anything else is a usage error saying so (not the .NET type name).</summary>
    private static DateTimeOffset? ParseDate(System.CommandLine.Parsing.ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal | DateTimeStyles.AllowWhiteSpaces, out var date))
        {
            return date;
        }

        result.AddError($"--since: '{text}' is not a date; give one like 2023-01-01 (or a full time like 2023-01-01T18:00:00+02:00).");
        return null;
    }

    private static Task<int> RunAsync(
        string? libraryOption, string? cacheFolder, string? healthcheckUrl, DateTimeOffset? since, string? album, int jobs, bool verbose, CancellationToken cancellationToken) =>
        PingedLibraryCommand.RunAsync(libraryOption, cacheFolder, healthcheckUrl, verbose, "",
            (library, logger) => PrefetchAsync(library, logger, since, album, jobs, cancellationToken));

    private static async Task<int> PrefetchAsync(LibraryLocation library, RecentLogLines logger, DateTimeOffset? since, string? album, int jobs, CancellationToken cancellationToken)
    {
        using var catalog = LibraryCatalog.Open(library.CatalogPath, CatalogAccess.ReadWrite);
        using var content = LibraryContent.Create(catalog, library, logger, new OriginalsOptions { PrefetchConcurrency = jobs });
        var downloadingSources = catalog.GetSources()
            .Select(s => (s.Id, Source: content.DownloadingSource(s.Id)))
            .Where(p => p.Source is not null)
            .ToDictionary(p => p.Id, p => p.Source!);

        HashSet<long>? inAlbum = null;
        if (album is not null)
        {
            var match = catalog.ReadTreeAlbums().FirstOrDefault(a => a.Title == album || a.DirName == album);
            if (match is null)
            {
                Console.Error.WriteLine($"gphotosfs: no album titled '{album}'.");
                logger.Add($"no album titled '{album}'");
                return ExitCodes.Failed;
            }

            inAlbum = catalog.ReadTreeAlbumEntries().Where(e => e.AlbumId == match.Id).Select(e => e.ItemId).ToHashSet();
        }

        var gone = new GoneItems(catalog, library);
        var items = catalog.ReadTreeItems()
            .Where(i => !i.IsTrashed && !gone.IsGone(i) && (since is null || i.CaptureTime >= since) && (inAlbum is null || inAlbum.Contains(i.Id)))
            .Select(i => catalog.GetItem(i.Id)!)
            .Where(i => downloadingSources.TryGetValue(i.SourceId, out var source) && source.Downloads(i))
            .ToList();
        if (items.Count == 0)
        {
            Console.Error.WriteLine("Nothing to prefetch: no matching items come from a downloading source.");
            return ExitCodes.Ok;
        }

        // With a daemon serving the library, download through it: two processes never download the
        // same original, and the mount's readers never wait on this one (issue 11).
        var daemon = MountLock.FindDaemon(library.StateFolder);
        if (daemon is not null)
        {
            Console.Error.WriteLine($"The library is mounted on {daemon.MountPoint} (process {daemon.Pid}): prefetching through the mount.");
        }

        using var run = RecordedRun.Start(catalog, library, logger, RunKinds.Prefetch);
        var failures = 0;
        long bytes = 0;
        string? lastError = null;
        await AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) }).Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask($"prefetching {items.Count.ToString("N0", CultureInfo.InvariantCulture)} originals", maxValue: items.Sum(i => (double)(i.Size ?? 1)));
                await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, jobs), CancellationToken = cancellationToken }, async (item, ct) =>
                {
                    try
                    {
                        if (daemon is null)
                        {
                            await downloadingSources[item.SourceId].Cache.PrefetchAsync(item, ct).ConfigureAwait(false);
                        }
                        else if (!downloadingSources[item.SourceId].Cache.IsCached(item))
                        {
                            await ReadThroughMountAsync(Path.Combine(daemon.MountPoint, item.DirPath!, item.Name!), ct).ConfigureAwait(false);
                        }

                        Interlocked.Add(ref bytes, item.Size ?? 0);
                    }
                    catch (Exception ex) when (ex is OriginException or IOException or GPhotosFs.Vfs.Content.ContentUnavailableException)
                    {
                        Interlocked.Increment(ref failures);
                        logger.LogError("{Item}: {Reason}", $"{item.DirPath}/{item.Name}", ex.Message);
                        Volatile.Write(ref lastError, $"{item.DirPath}/{item.Name}: {ex.Message}");
                    }

                    task.Increment(item.Size ?? 1);
                }).ConfigureAwait(false);
            }).ConfigureAwait(false);

        LinkAlbumsInCache(catalog, library, logger);
        run.Complete(new RunOutcome(failures == 0, ItemsAdded: items.Count - failures, BytesAdded: bytes, Errors: failures, Error: lastError));
        Console.Error.WriteLine($"Prefetched {items.Count - failures:N0} of {items.Count:N0} originals ({bytes / 1048576.0:0.0} MiB) into {library.CacheFolder}.");
        if (failures > 0)
        {
            Console.Error.WriteLine($"gphotosfs: {failures} could not be downloaded (see above); run prefetch again to retry them.");
            logger.Add($"{failures} of {items.Count} originals could not be downloaded");
            return ExitCodes.Failed;
        }

        return ExitCodes.Ok;
    }

    /// <summary>Reads a file of the mount to its end: the daemon downloads, verifies and caches it.</summary>
    private static async Task ReadThroughMountAsync(string path, CancellationToken cancellationToken)
    {
        var buffer = new byte[1 << 20];
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 0, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (stream.ConfigureAwait(false))
        {
            while (await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false) > 0)
            {
            }
        }
    }

    /// <summary>The cache's albums/ folder gets links to what was just downloaded (a running mount would do it too).</summary>
    private static void LinkAlbumsInCache(LibraryCatalog catalog, LibraryLocation library, ILogger logger)
    {
        LibraryTree tree;
        using (var snapshot = catalog.OpenSnapshot())
        {
            tree = LibraryTreeBuilder.Build(snapshot, new TreeOptions());
        }

        using var links = new CacheAlbumLinks(library.CacheFolder, () => tree, logger);
        links.ReconcileOrWarn();
    }
}
