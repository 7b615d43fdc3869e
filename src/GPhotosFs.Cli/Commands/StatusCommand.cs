using System.CommandLine;
using System.Globalization;
using GPhotosFs.Catalog;
using GPhotosFs.Cli.Config;
using GPhotosFs.Cli.Daemon;
using GPhotosFs.Cli.History;
using GPhotosFs.Cli.Status;
using GPhotosFs.Cli.StatusPage;
using GPhotosFs.Library;

namespace GPhotosFs.Cli.Commands;

/// <summary>
/// <c>gphotosfs status [--json]</c>: per source, the last sync, items, cache, quota, auth and recent
/// errors, and whether the library is mounted. Exits non-zero when unhealthy (ExitCodes 10-13), so
/// it can drive monitoring directly.
/// </summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var library = CliOptions.Library();
        var json = new Option<bool>("--json") { Description = "Print the status as JSON (the same document as .gphotosfs/status.json in the mount)" };
        var staleAfter = ConfigOptions.StaleAfter();
        var history = new Option<bool>("--history") { Description = "Print the run history instead: every sync, prefetch, Takeout add and mount of the last year (with --json as JSON)" };
        var serve = new Option<bool>("--serve") { Description = "Serve the status page and Prometheus /metrics on 127.0.0.1 until Ctrl-C, without mounting" };
        var port = new Option<int>("--port") { Description = "The port for --serve", DefaultValueFactory = _ => StatusServeCommand.DefaultPort };
        var command = new Command("status", "Show the library's health; exit 0 when healthy, 10 auth broken, 11 quota exhausted, 12 source unavailable, 13 stale")
        {
            library, json, staleAfter, history, serve, port,
        };
        command.SetAction(parse => parse.GetValue(serve)
            ? StatusServeCommand.Run(parse.GetValue(library), parse.GetValue(staleAfter), parse.GetValue(port))
            : parse.GetValue(history)
                ? HistoryText.Run(parse.GetValue(library), parse.GetValue(json))
                : Run(parse.GetValue(library), parse.GetValue(json), parse.GetValue(staleAfter)));
        return command;
    }

    private static int Run(string? libraryOption, bool json, string? staleAfterOption)
    {
        LibraryStatus status;
        try
        {
            var (library, config) = ConfiguredLibrary.Resolve(libraryOption);
            var staleAfter = ConfigOptions.StaleAfterFrom(staleAfterOption, config);
            if (!library.Exists)
            {
                Console.Error.WriteLine($"gphotosfs: no library at {library.Folder} (no {Library.LibraryLocation.CatalogFileName}); create one with 'gphotosfs init --library {library.Folder}'.");
                return ExitCodes.Failed;
            }

            using var catalog = LibraryCatalog.Open(library.CatalogPath, CatalogAccess.ReadOnly);
            status = LibraryStatusReader.Read(catalog, library, staleAfter);
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
        catch (CatalogException ex)
        {
            Console.Error.WriteLine($"gphotosfs: {ex.Message}");
            return ExitCodes.Failed;
        }

        if (json)
        {
            using var stdout = Console.OpenStandardOutput();
            stdout.Write(StatusJson.Serialize(status));
            stdout.Write("\n"u8);
        }
        else
        {
            PrintText(status);
        }

        return status.ExitCode;
    }

    private static void PrintText(LibraryStatus status)
    {
        var o = Console.Out;
        o.WriteLine($"Library   {status.Library}: {(status.Healthy ? "healthy" : "UNHEALTHY")}");
        var dead = status.Mount is null ? MountLock.FindDeadMount(new LibraryLocation(status.Library).StateFolder) : null;
        o.WriteLine(status.Mount is { } m ? $"Mounted   on {m.MountPoint} by process {m.Pid} since {m.StartedAt:u}"
            : dead is not null ? $"Mounted   DEAD on {dead.MountPoint}: its daemon (process {dead.Pid}) ended without unmounting"
            : "Mounted   no");
        o.WriteLine($"Cache     {status.Cache.FilesCached:N0} originals, {Mib(status.Cache.BytesCached)} in {status.Cache.Folder}; " +
                    $"{status.Cache.DownloadsPending:N0} pending ({Mib(status.Cache.BytesPending)}, {Mib(status.Cache.BytesPartial)} on disk); {status.Cache.ItemsNotCached:N0} items not cached");
        if (status.Cache.EvictedFiles > 0)
        {
            o.WriteLine($"          INCOMPLETE copy of the library: cache_max_size evicted {status.Cache.EvictedFiles:N0} originals (last {When(status.Cache.LastEvictionAt)}); a backup of the cache folder lacks them");
        }

        if (status.Cache.DiskFull is { } full)
        {
            o.WriteLine($"          DISK FULL: {full}");
        }
        foreach (var s in status.Sources)
        {
            o.WriteLine();
            o.WriteLine($"Source {s.Id} {s.Kind}:{s.Name}: {s.State}");
            o.WriteLine($"  items      {s.Items:N0} ({s.ItemsCached:N0} cached, {Mib(s.BytesCached)})");
            if (s.LastSync is { } sync)
            {
                o.WriteLine($"  last sync  {When(sync.Finished ?? sync.Started)}: {sync.Result ?? "running"}{(sync.ItemsSeen is { } n ? $", {n:N0} items seen" : "")}");
                o.WriteLine($"  last good  {When(sync.LastSuccess)}");
                if (sync.Error is { } error)
                {
                    o.WriteLine($"  error      {error}");
                }
            }
            else
            {
                o.WriteLine("  last sync  never");
            }

            if (s.AuthState is { } auth)
            {
                o.WriteLine($"  auth       {auth}{(s.AuthMessage is { } am ? $": {am}" : "")}");
            }

            foreach (var (name, usage) in s.Quotas)
            {
                o.WriteLine($"  quota      {name}: {usage.Used:N0}{(usage.Limit is { } limit ? $" of {limit:N0}" : "")} requests on {usage.Day}");
            }

            if (s.QuotaExhaustedUntil is { } until)
            {
                o.WriteLine($"  quota      exhausted until {until:u}{(s.QuotaMessage is { } qm ? $" ({qm})" : "")}");
            }

            if (s.Unavailable is { } unavailable)
            {
                o.WriteLine($"  unavailable {unavailable}");
            }

            foreach (var e in s.RecentErrors.Take(5))
            {
                o.WriteLine($"  recent     {e.At:u} {e.Message}");
            }
        }

        if (status.Problems.Count > 0 || dead is not null)
        {
            o.WriteLine();
            foreach (var p in status.Problems)
            {
                o.WriteLine($"PROBLEM: {p}");
            }

            if (dead is not null)
            {
                o.WriteLine($"PROBLEM: the mount on {dead.MountPoint} is dead (reads fail with \"Transport endpoint is not connected\"); " +
                            $"run 'gphotosfs unmount {dead.MountPoint}' and mount again.");
            }
        }
    }

    private static string When(DateTimeOffset? at) => at is { } t ? t.ToString("u", CultureInfo.InvariantCulture) : "never";

    private static string Mib(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0.0} MiB");
}
