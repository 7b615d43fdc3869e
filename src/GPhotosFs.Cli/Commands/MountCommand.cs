using System.CommandLine;
using GPhotosFs.Catalog;
using GPhotosFs.Cli.Daemon;
using GPhotosFs.Cli.Library;
using GPhotosFs.Cli.Logging;
using GPhotosFs.Fuse;
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
        var mountPoint = new Argument<string>("MOUNTPOINT") { Description = "An existing empty folder to mount the library on" };
        var library = CliOptions.Library();
        var options = new Option<string[]>("-o")
        {
            Description = "Comma-separated options: allow_other, albums=symlinks|files, show_trashed, noxattr (no user.gphotos.* attributes; " +
                          "listings at native speed), readahead_kb=N, " +
                          "max_threads=N, uid=N, gid=N, fsname=NAME, catalog_poll=SECONDS, cache_max_size=SIZE, prefetch_depth=N, " +
                          "sync_interval=SECONDS (sync the sources while mounted), stall_timeout=SECONDS, throttle_floor=SECONDS (least wait after a 429, default 30), retry_delay_ms=N, debug, and kernel flags " +
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
        var child = new Option<bool>(BackgroundLauncher.ChildFlag) { Hidden = true };

        var command = new Command("mount", "Mount a library read-only: photos/YYYY/MM/<file> and albums/<title>/<file>")
        {
            mountPoint, library, options, foreground, cacheMaxSize, verbose, child,
        };
        command.SetAction(parse => Run(
            parse.GetValue(mountPoint)!,
            LibraryLocation.Resolve(parse.GetValue(library)),
            parse.GetValue(options) ?? [],
            parse.GetValue(foreground),
            parse.GetValue(verbose),
            parse.GetValue(cacheMaxSize),
            parse.GetValue(child)));
        return command;
    }

    private static int Run(string mountPoint, LibraryLocation library, string[] optionLists, bool foreground, bool verbose, string? cacheMaxSize, bool isChild)
    {
        MountSettings settings;
        TreeOptions treeOptions;
        OriginalsOptions originalsOptions;
        TimeSpan? syncInterval;
        try
        {
            (var mountOptionLists, syncInterval) = PeriodicSync.ExtractOption(optionLists);
            (settings, treeOptions, originalsOptions) = MountOptionParser.Parse(
                cacheMaxSize is null ? mountOptionLists : [.. mountOptionLists, $"cache_max_size={cacheMaxSize}"],
                new MountSettings { FsName = $"gphotosfs:{Path.GetFileName(library.Folder)}" },
                new TreeOptions(),
                new OriginalsOptions());
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine($"gphotosfs: {ex.Message}");
            return ExitCodes.Usage;
        }

        if (!library.Exists)
        {
            Console.Error.WriteLine($"gphotosfs: no library at {library.Folder} (no {LibraryLocation.CatalogFileName}). " +
                                    $"Create a sample one with 'gphotosfs demo {library.Folder}', or pass --library DIR.");
            return ExitCodes.Failed;
        }

        if (MountPointCheck.Problem(mountPoint) is { } problem)
        {
            Console.Error.WriteLine($"gphotosfs: {problem}");
            return ExitCodes.Failed;
        }

        if (!foreground && !isChild)
        {
            var arguments = new List<string> { "mount", Path.GetFullPath(mountPoint), "--library", library.Folder, "--foreground" };
            foreach (var o in optionLists)
            {
                arguments.AddRange(["-o", o]);
            }

            if (cacheMaxSize is not null)
            {
                arguments.AddRange(["--cache-max-size", cacheMaxSize]);
            }

            if (verbose)
            {
                arguments.Add("--verbose");
            }

            return BackgroundLauncher.Launch(arguments, TimeSpan.FromMinutes(2));
        }

        if (isChild)
        {
            BackgroundLauncher.DetachFromTerminal();
        }

        var logger = new StderrLogger("gphotosfs", verbose ? LogLevel.Debug : LogLevel.Information);
        using var signals = ProcessSignals.Register();
        try
        {
            using var catalog = LibraryCatalog.Open(library.CatalogPath, CatalogAccess.ReadWrite);
            using var content = LibraryContent.Create(catalog, library, logger, originalsOptions);
            var fileSystem = new PhotoFileSystem(catalog, content.Sources, treeOptions, logger);
            using var host = MountHost.Start(mountPoint, fileSystem, settings, logger, library.Folder);
            host.StopOn(signals);
            using var periodicSync = syncInterval is { } interval ? PeriodicSync.Start(catalog, library, logger, interval) : null;
            if (isChild)
            {
                BackgroundLauncher.SignalReadyAndRedirect(library.LogPath);
            }

            var result = host.Completion.GetAwaiter().GetResult();
            return result == 0 ? ExitCodes.Ok : ExitCodes.Failed;
        }
        catch (CatalogException ex)
        {
            logger.LogError("{Message}", ex.Message);
            return ExitCodes.Failed;
        }
        catch (FuseException ex)
        {
            logger.LogError("{Message}", ex.Message);
            return ExitCodes.Failed;
        }
    }
}
