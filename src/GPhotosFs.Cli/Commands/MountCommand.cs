using System.CommandLine;
using System.Runtime.CompilerServices;
using GPhotosFs.Catalog;
using GPhotosFs.Cli.Config;
using GPhotosFs.Cli.Daemon;
using GPhotosFs.Cli.Logging;
using GPhotosFs.Cli.Status;
using GPhotosFs.Cli.StatusPage;
using GPhotosFs.Fuse;
using GPhotosFs.Library;
using GPhotosFs.Mount;
using GPhotosFs.Originals;
using GPhotosFs.Vfs;
using GPhotosFs.Vfs.Tree;
using Microsoft.Extensions.Logging;

namespace GPhotosFs.Cli.Commands;

/// <summary><c>gphotosfs mount MOUNTPOINT</c>: serve a library read-only until unmounted.</summary>
internal static class MountCommand
{
    public static Command Create()
    {
        var mountPoint = new Argument<string?>("MOUNTPOINT")
        {
            Description = "An existing empty folder to mount the library on (default: the config's \"mount_point\")",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var library = CliOptions.Library();
        var options = new Option<string[]>("-o")
        {
            Description = "Comma-separated options, after the config's \"mount_options\": allow_other, albums=symlinks|files, show_trashed, noxattr (no user.gphotos.* attributes; " +
                          "listings at native speed), readahead_kb=N, " +
                          "max_threads=N, uid=N, gid=N, umask=OCTAL, file_mode=OCTAL, dir_mode=OCTAL (permissions shown, default 0444/0555), fsname=NAME, catalog_poll=SECONDS, cache_max_size=SIZE, buffer_budget=SIZE (memory for read and download buffers across all files, default 32M), prefetch_depth=N, " +
                          "sync_interval=SECONDS (sync the sources while mounted), status_port=PORT (status page and Prometheus /metrics on 127.0.0.1:PORT), stall_timeout=SECONDS, throttle_floor=SECONDS (least wait after a 429, default 30), retry_delay_ms=N, warmup=0 (do not run the read path once before the mount is ready: it returns sooner, the first read is slower), nonempty (mount over a folder that holds files), debug, and kernel flags " +
                          "(nosuid, nodev, noexec, noatime); fstab-only options (_netdev, nofail, x-systemd.*) are ignored",
            HelpName = "OPTS",
            AllowMultipleArgumentsPerToken = false,
        };
        var foreground = new Option<bool>("--foreground", "-f") { Description = "Stay in the foreground (for systemd; Ctrl-C unmounts)" };
        var verbose = CliOptions.Verbose();
        var cacheMaxSize = new Option<string?>("--cache-max-size")
        {
            Description = "Keep at most this much in the cache of downloaded originals (e.g. 500G), evicting the least recently used; unbounded by default",
            HelpName = "SIZE",
        };
        var cacheFolder = ConfigOptions.CacheFolder();
        var staleAfter = ConfigOptions.StaleAfter();
        var child = new Option<bool>(BackgroundLauncher.ChildFlag) { Hidden = true };

        var command = new Command("mount", "Mount a library read-only: photos/YYYY/MM/<file>, albums/<title>/<file>, and .gphotosfs/status.json")
        {
            mountPoint, library, options, foreground, cacheMaxSize, cacheFolder, staleAfter, verbose, child,
        };
        command.SetAction(parse => Run(new MountRequest(
            parse.GetValue(mountPoint),
            parse.GetValue(library),
            parse.GetValue(options) ?? [],
            parse.GetValue(foreground),
            parse.GetValue(verbose),
            parse.GetValue(cacheMaxSize),
            parse.GetValue(cacheFolder),
            parse.GetValue(staleAfter),
            parse.GetValue(child))));
        return command;
    }

    private sealed record MountRequest(
        string? MountPoint, string? Library, string[] OptionLists, bool Foreground, bool Verbose, string? CacheMaxSize, string? CacheFolder, string? StaleAfter, bool IsChild);

    private static int Run(MountRequest request)
    {
        if (request.Foreground && !request.IsChild && DaemonRuntime.Missing())
        {
            DaemonRuntime.RestartWithSettings();
        }

        LibraryLocation library;
        LibraryConfig config;
        TimeSpan staleAfter;
        MountSettings settings;
        TreeOptions treeOptions;
        OriginalsOptions originalsOptions;
        string mountPoint;
        TimeSpan? syncInterval;
        List<string> effectiveOptions;
        int? statusPort;
        try
        {
            (library, config) = ConfiguredLibrary.Resolve(request.Library, request.CacheFolder);
            staleAfter = ConfigOptions.StaleAfterFrom(request.StaleAfter, config);
            mountPoint = request.MountPoint ?? config.MountPoint
                ?? throw new ArgumentException($"no MOUNTPOINT given and no \"{LibraryConfig.MountPointKey}\" in {config.Path}.");

            // The config's options first, so the command line's override them.
            IEnumerable<string> optionLists = [.. config.MountOptions is { } fromConfig ? [fromConfig] : Array.Empty<string>(), .. request.OptionLists];
            (var mountOptionLists, syncInterval) = PeriodicSync.ExtractOption(optionLists);
            effectiveOptions = [.. optionLists, .. request.CacheMaxSize is null ? [] : new[] { $"cache_max_size={request.CacheMaxSize}" }];
            (mountOptionLists, statusPort) = StatusPortOption.Extract(mountOptionLists);
            (settings, treeOptions, originalsOptions) = MountOptionParser.Parse(
                request.CacheMaxSize is null ? mountOptionLists : [.. mountOptionLists, $"cache_max_size={request.CacheMaxSize}"],
                new MountSettings { FsName = $"gphotosfs:{Path.GetFileName(library.Folder)}" },
                new TreeOptions(),
                new OriginalsOptions());
        }
        catch (Exception ex) when (CommandErrors.IsReported(ex))
        {
            return CommandErrors.Report(ex);
        }

        if (!library.Exists)
        {
            Console.Error.WriteLine($"gphotosfs: no library at {library.Folder} (no {LibraryLocation.CatalogFileName}). " +
                                    $"Create one with 'gphotosfs init --library {library.Folder}', a sample one with 'gphotosfs demo {library.Folder}', or pass --library DIR.");
            return ExitCodes.Failed;
        }

        if (MountPointCheck.Problem(mountPoint, settings.AllowNonEmpty) is { } problem)
        {
            Console.Error.WriteLine($"gphotosfs: {problem}");
            return ExitCodes.Failed;
        }

        if (MountLock.FindDaemon(library.StateFolder) is { } running)
        {
            Console.Error.WriteLine($"gphotosfs: {new MountLockHeldException(running).Message}");
            return ExitCodes.Busy;
        }

        if (!request.Foreground && !request.IsChild)
        {
            var arguments = new List<string> { "mount", Path.GetFullPath(mountPoint), "--library", library.Folder, "--foreground" };
            foreach (var o in request.OptionLists)
            {
                arguments.AddRange(["-o", o]);
            }

            foreach (var (name, value) in new[] { ("--cache-max-size", request.CacheMaxSize), ("--cache-folder", request.CacheFolder), ("--stale-after", request.StaleAfter) })
            {
                if (value is not null)
                {
                    arguments.AddRange([name, value]);
                }
            }

            if (request.Verbose)
            {
                arguments.Add("--verbose");
            }

            return BackgroundLauncher.Launch(arguments, TimeSpan.FromMinutes(2));
        }

        if (request.IsChild)
        {
            BackgroundLauncher.DetachFromTerminal();
        }

        var logger = new StderrLogger("gphotosfs", request.Verbose ? LogLevel.Debug : LogLevel.Information);
        using var signals = ProcessSignals.Register();
        try
        {
            using var held = MountLock.Acquire(library.StateFolder, mountPoint);
            using var catalog = LibraryCatalog.Open(library.CatalogPath, CatalogAccess.ReadWrite);
            using var activity = new EngineActivity(timeFuse: statusPort is not null);
            using var content = LibraryContent.Create(catalog, library, logger, originalsOptions);
            var warmup = settings.WarmUpReadPath ? Task.Run(() => content.WarmUpReadPath(logger)) : Task.CompletedTask;
            var staleAfterTicks = new StrongBox<long>(staleAfter.Ticks);
            var status = new GeneratedContent(
                () => StatusJson.Serialize(LibraryStatusReader.Read(catalog, library, TimeSpan.FromTicks(Interlocked.Read(ref staleAfterTicks.Value)))),
                StatusFileMaxAge);
            var fileSystem = new PhotoFileSystem(catalog, content.Sources, treeOptions with { Gone = new GoneItems(catalog, library).IsGone }, logger,
                [new ControlFile(StatusFileName, status), DaemonFile.Create(library.Folder, library.StateFolder)]);
            if (content.MirrorAlbumsInCache(() => fileSystem.Tree, logger) is { } albumLinks)
            {
                fileSystem.TreeReplaced += _ => albumLinks.Request();
            }

            using var host = MountHost.Start(mountPoint, fileSystem, settings, logger, library.Folder, content.Buffers);
            host.StopOn(signals);
            signals.ReloadRequested += () => ReloadConfig(config.Path, request.StaleAfter, staleAfterTicks, logger);
            _ = signals.StopRequested.ContinueWith(_ => SystemdNotifier.Notify("STOPPING=1"), TaskScheduler.Default);
            using var periodicSync = syncInterval is { } interval ? PeriodicSync.Start(catalog, library, logger, interval) : null;
            using var history = MountHistory.Start(catalog, library, logger, activity);
            var statusServer = statusPort is { } port
                ? StatusServing.StartOrLog(catalog, library, () => TimeSpan.FromTicks(Interlocked.Read(ref staleAfterTicks.Value)), activity, port, logger)
                : null;
            // Waited for before READY=1; it runs meanwhile (building the tree, mounting) on the other core.
            warmup.GetAwaiter().GetResult();
            SystemdNotifier.Notify($"READY=1\nMAINPID={Environment.ProcessId}\nSTATUS=Serving {library.Folder} on {host.MountPoint}");
            if (request.IsChild)
            {
                BackgroundLauncher.SignalReadyAndRedirect(library.LogPath);
            }

            OpsLog.DaemonStarted(logger, ProgramVersion.Current, Environment.ProcessId, library.Folder, host.MountPoint, library.CacheFolder,
                string.Join(',', effectiveOptions) is { Length: > 0 } shown ? shown : "(none)");

            var result = host.Completion.GetAwaiter().GetResult();
            statusServer?.DisposeAsync().AsTask().GetAwaiter().GetResult();
            history.Complete(result == 0);
            return result == 0 ? ExitCodes.Ok : ExitCodes.Failed;
        }
        catch (Exception ex) when (ex is not (ConfigException or ArgumentException) && CommandErrors.ExitCodeOf(ex) is { } code)
        {
            // Config and usage were checked before mounting; one thrown now is a bug, not the user's.
            logger.LogError("{Message}", ex.Message);
            return code;
        }
    }

    /// <summary>The generated status file in the mount's hidden .gphotosfs/ folder.</summary>
    public const string StatusFileName = "status.json";

    /// <summary>How long one rendering of status.json is served (stat and read agree within it).</summary>
    private static readonly TimeSpan StatusFileMaxAge = TimeSpan.FromSeconds(2);

    /// <summary>SIGHUP: re-read config.json. What a live mount can take (the stale threshold) applies now; a broken file is reported and the previous settings kept.</summary>
    private static void ReloadConfig(string path, string? staleAfterOption, StrongBox<long> staleAfterTicks, ILogger logger)
    {
        try
        {
            var config = LibraryConfig.Load(path);
            var updated = ConfigOptions.StaleAfterFrom(staleAfterOption, config);
            Interlocked.Exchange(ref staleAfterTicks.Value, updated.Ticks);
            OpsLog.ConfigReloaded(logger, path, Duration.Format(updated));
        }
        catch (Exception ex) when (ex is ConfigException or ArgumentException)
        {
            OpsLog.ConfigReloadFailed(logger, ex.Message);
        }
    }
}
