using System.Globalization;
using System.Text.Json;
using GPhotosFs.Catalog;
using GPhotosFs.Catalog.History;
using GPhotosFs.Cli.Commands;
using GPhotosFs.Cli.Config;
using GPhotosFs.Cli.Status;
using GPhotosFs.Cli.StatusPage;
using GPhotosFs.Library;

namespace GPhotosFs.Cli.History;

/// <summary><c>gphotosfs status --history</c>: the runs of the last year, oldest first, as a table or JSON.</summary>
internal static class HistoryText
{
    public static int Run(string? libraryOption, bool json)
    {
        IReadOnlyList<RunRecord> runs;
        try
        {
            var (library, _) = ConfiguredLibrary.Resolve(libraryOption);
            if (!library.Exists)
            {
                Console.Error.WriteLine($"gphotosfs: no library at {library.Folder} (no {Library.LibraryLocation.CatalogFileName}); create one with 'gphotosfs init --library {library.Folder}'.");
                return ExitCodes.Failed;
            }

            using var catalog = LibraryCatalog.Open(library.CatalogPath, CatalogAccess.ReadOnly);
            runs = catalog.GetRuns(DateTimeOffset.UtcNow - LibraryCatalog.HistoryRetention);
        }
        catch (Exception ex) when (ex is ConfigException or CatalogException)
        {
            Console.Error.WriteLine($"gphotosfs: {ex.Message}");
            return ex is ConfigException ? ExitCodes.Config : ExitCodes.Failed;
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine($"gphotosfs: {ex.Message}");
            return ExitCodes.Usage;
        }

        if (json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(runs.Select(r => new
            {
                r.Kind, Source = r.SourceName, r.StartedAt, r.FinishedAt, Result = ResultOf(r), DurationSeconds = r.Duration?.TotalSeconds,
                r.ItemsAdded, r.BytesAdded, r.Errors, r.Error,
            }), StatusJson.Options));
            return ExitCodes.Ok;
        }

        if (runs.Count == 0)
        {
            Console.Out.WriteLine("No runs recorded yet: syncs, prefetches, Takeout adds and mounts are recorded from now on.");
            return ExitCodes.Ok;
        }

        Console.Out.WriteLine($"{"started (UTC)",-19}  {"run",-22} {"result",-11} {"took",8} {"items",9} {"bytes",10} {"errors",6}  last error");
        foreach (var run in runs)
        {
            var what = run.SourceName is { } source ? $"{run.Kind} {source}" : run.Kind;
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{run.StartedAt:yyyy-MM-dd HH:mm:ss}  {Cut(what, 22),-22} {ResultOf(run),-11} {Took(run.Duration),8} {run.ItemsAdded,9:N0} {StatusPageRenderer.Bytes(run.BytesAdded),10} {run.Errors,6:N0}  {run.Error}"));
        }

        var failed = runs.Count(r => r.Result == RunResults.Failed);
        Console.Out.WriteLine($"{runs.Count:N0} runs since {runs[0].StartedAt:yyyy-MM-dd}, {failed:N0} failed.");
        return ExitCodes.Ok;
    }

    /// <summary>A run still "running" whose process is gone died without finishing.</summary>
    private static string ResultOf(RunRecord run) =>
        run.Result == RunResults.Running && run.Pid is { } pid && !Directory.Exists($"/proc/{pid}") ? "interrupted" : run.Result;

    private static string Took(TimeSpan? duration) => duration is not { } d ? "" : d.TotalSeconds >= 120
        ? string.Create(CultureInfo.InvariantCulture, $"{d.TotalMinutes:0.#} min")
        : string.Create(CultureInfo.InvariantCulture, $"{d.TotalSeconds:0.0} s");

    private static string Cut(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "…";
}
