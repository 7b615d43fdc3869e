using System.CommandLine;
using System.Diagnostics;
using GPhotosFs.Catalog;
using GPhotosFs.Catalog.Health;
using GPhotosFs.Catalog.History;
using GPhotosFs.Cli.Config;
using GPhotosFs.Cli.History;
using GPhotosFs.Library;
using GPhotosFs.Library.History;
using GPhotosFs.Takeout.Archives;
using GPhotosFs.Takeout.Indexing;
using Microsoft.Extensions.Logging.Abstractions;

namespace GPhotosFs.Cli.Commands;

/// <summary><c>gphotosfs takeout add|list|remove</c>: Google Takeout exports as a source of the library.</summary>
internal static class TakeoutCommand
{
    public static Command Create()
    {
        var command = new Command("takeout", "Mount Google Takeout exports (.zip/.tgz parts or extracted folders) in place, merged into one library");
        command.Subcommands.Add(Add());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Remove());
        command.Subcommands.Add(Sample());
        return command;
    }

    private static Command Add()
    {
        var library = CliOptions.Library();
        var paths = new Argument<string[]>("PATH") { Description = "Takeout parts (.zip, .tgz), extracted export folders, or globs such as 'takeout-*.zip'", Arity = ArgumentArity.OneOrMore };
        var verbose = CliOptions.Verbose();
        var dryRun = new Option<bool>("--dry-run") { Description = "Print what would be indexed (items with their folders, albums, rejected members, damaged parts) without touching the catalog" };
        var command = new Command("add", "Index Takeout parts into the library (directories and sidecars only; nothing is extracted). Re-adding an unchanged part does nothing; a moved part is re-linked")
        {
            paths, library, verbose, dryRun,
        };
        command.SetAction(parse => ConfiguredLibrary.ResolveOrReport(parse.GetValue(library), out var code) is { } at ? RunAdd(at.Library, parse.GetValue(paths)!, parse.GetValue(verbose), parse.GetValue(dryRun)) : code);
        return command;
    }

    private static Command List()
    {
        var library = CliOptions.Library();
        var command = new Command("list", "List the Takeout parts of the library, whether each is present, and its items") { library };
        command.SetAction(parse => ConfiguredLibrary.ResolveOrReport(parse.GetValue(library), out var code) is { } at ? RunList(at.Library) : code);
        return command;
    }

    private static Command Remove()
    {
        var library = CliOptions.Library();
        var part = new Argument<string>("PART") { Description = "The part's id, path or file name (see 'takeout list')" };
        var command = new Command("remove", "Forget a Takeout part. Its items stay in the library; those only it holds become unreadable until it is added again")
        {
            part, library,
        };
        command.SetAction(parse => ConfiguredLibrary.ResolveOrReport(parse.GetValue(library), out var code) is { } at ? RunRemove(at.Library, parse.GetValue(part)!) : code);
        return command;
    }

    private static Command Sample()
    {
        var folder = new Argument<string>("DIR") { Description = "Where to write the export's parts" };
        var items = new Option<int>("--items") { Description = "Write one export of N small photos with sidecars and albums (for benchmarks) instead of the two showcase exports", HelpName = "N" };
        var parts = new Option<int>("--parts") { Description = "Number of parts", DefaultValueFactory = _ => 2 };
        var format = new Option<string>("--format") { Description = "zip (media stored, sidecars deflated, as Takeout does) or tgz", DefaultValueFactory = _ => "zip" };
        format.AcceptOnlyFromAmong("zip", "tgz");
        var photoBytes = new Option<long>("--photo-bytes") { Description = "With --items: pad each photo with zeros after its end marker to this many bytes (real photos are megabytes; zip parts stay sparse on disk)", HelpName = "BYTES" };
        var sidecarsLast = new Option<bool>("--sidecars-last") { Description = "With --items: each year folder's sidecars after all its photos (default: each sidecar after its photo)" };
        var command = new Command("sample", "Write generated Takeout exports (real JPEG/EXIF and video bytes, sidecars in every naming quirk) for trying things out, tests and benchmarks")
        {
            folder, items, parts, format, photoBytes, sidecarsLast,
        };
        command.SetAction(parse => RunSample(Path.GetFullPath(parse.GetValue(folder)!), parse.GetValue(items), parse.GetValue(parts), parse.GetValue(format)!,
            parse.GetValue(photoBytes), parse.GetValue(sidecarsLast)));
        return command;
    }

    private static int RunSample(string folder, int items, int parts, string format, long photoBytes, bool sidecarsLast)
    {
        if (items < 0 || parts < 1 || photoBytes < 0)
        {
            Console.Error.WriteLine("gphotosfs: --items and --photo-bytes take 0 or more, --parts 1 or more.");
            return ExitCodes.Usage;
        }

        var written = new List<string>();
        try
        {
            if (items > 0)
            {
                written.AddRange(SampleExport.Write(folder, "takeout-20260101T000000Z", GPhotosFs.Takeout.Samples.SampleTakeout.Bulk(items, photoBytes, sidecarsLast), parts, format));
            }
            else
            {
                written.AddRange(SampleExport.Write(folder, GPhotosFs.Takeout.Samples.SampleTakeout.OlderExport, GPhotosFs.Takeout.Samples.SampleTakeout.OlderShowcase(), parts, format));
                written.AddRange(SampleExport.Write(folder, GPhotosFs.Takeout.Samples.SampleTakeout.NewerExport, GPhotosFs.Takeout.Samples.SampleTakeout.NewerShowcase(), parts, format));
            }
        }
        catch (IOException ex)
        {
            Console.Error.WriteLine($"gphotosfs: cannot write the sample export in {folder}: {ex.Message}");
            return ExitCodes.Failed;
        }

        foreach (var path in written)
        {
            Console.WriteLine(path);
        }

        return ExitCodes.Ok;
    }

    private static int RunAdd(LibraryLocation library, string[] given, bool verbose, bool dryRun)
    {
        var paths = Expand(given, out var unmatched);
        foreach (var pattern in unmatched)
        {
            Console.Error.WriteLine($"gphotosfs: '{pattern}' matches nothing.");
        }

        if (paths.Count == 0)
        {
            return ExitCodes.Usage;
        }

        // A dry run reads the library's catalog when there is one and writes nothing anywhere (a
        // scratch catalog stands in for a library that does not exist yet).
        string? scratch = null;
        if (dryRun && !File.Exists(library.CatalogPath))
        {
            scratch = Directory.CreateTempSubdirectory("gphotosfs-dry-run-").FullName;
        }

        try
        {
            return RunAdd(library, paths, verbose, dryRun, scratch);
        }
        finally
        {
            if (scratch is not null)
            {
                Directory.Delete(scratch, recursive: true);
            }
        }
    }

    private static int RunAdd(LibraryLocation library, List<string> paths, bool verbose, bool dryRun, string? scratch)
    {
        if (!dryRun)
        {
            Directory.CreateDirectory(library.Folder);
        }

        using var catalog = LibraryCatalog.Open(scratch is not null ? Path.Combine(scratch, "catalog.db") : library.CatalogPath, dryRun && scratch is null ? CatalogAccess.ReadOnly : CatalogAccess.ReadWrite);
        var progress = TakeoutProgressLines.ToStandardError();
        var indexer = new TakeoutIndexer(catalog, progress: progress);
        var counters = new IndexCounters();
        var clock = Stopwatch.StartNew();
        var before = catalog.MeasureLibrary();
        using var run = RecordedRun.Start(catalog, library, NullLogger.Instance, RunKinds.TakeoutAdd, TakeoutIndexer.DefaultSourceName);
        TakeoutAddResult result;
        try
        {
            result = indexer.Add(paths, counters, dryRun);
        }
        catch (InvalidDataException ex)
        {
            Console.Error.WriteLine($"gphotosfs: {ex.Message}");
            run.Complete(new RunOutcome(false, Errors: 1, Error: ex.Message));
            return ExitCodes.Failed;
        }

        var after = catalog.MeasureLibrary();
        run.Complete(new RunOutcome(
            result.PartErrors.Count == 0, ItemsAdded: Math.Max(0, after.Items - before.Items), BytesAdded: Math.Max(0, after.Bytes - before.Bytes),
            Errors: result.PartErrors.Count, Error: result.PartErrors.LastOrDefault()));

        foreach (var warning in verbose ? result.Warnings : result.Warnings.Take(20))
        {
            Console.Error.WriteLine($"warning: {warning}");
        }

        if (!verbose && result.Warnings.Count > 20)
        {
            Console.Error.WriteLine($"... and {result.Warnings.Count - 20} more warnings (--verbose shows all)");
        }

        foreach (var rejected in result.Rejected)
        {
            Console.Error.WriteLine($"rejected: {rejected}");
        }

        foreach (var refused in result.Refused)
        {
            Console.Error.WriteLine($"gphotosfs: {refused}");
        }

        foreach (var error in result.PartErrors)
        {
            Console.Error.WriteLine($"gphotosfs: {error}");
        }

        if (dryRun)
        {
            PrintPreview(result);
        }
        else if (catalog.GetSources().FirstOrDefault(s => s.Kind == SourceKinds.Takeout && s.Name == TakeoutIndexer.DefaultSourceName) is { } source)
        {
            // 'status' is unhealthy (exit 12) while a part is damaged or missing, and shows this run's errors.
            var health = new SourceHealthStore(library.StateFolder);
            foreach (var error in result.PartErrors)
            {
                health.RecordError(source.Id, $"takeout add: {error}");
            }

            TakeoutPartsCheck.RecordHealth(health, source.Id, indexer.ListParts(), DateTimeOffset.UtcNow);
        }

        var hashed = result.HashedFiles > 0 ? $"; {result.HashedFiles:N0} folder file(s) hashed ({result.HashedBytes:N0} bytes) where size and name collide" : "";
        Console.Error.WriteLine(
            $"Takeout{(dryRun ? " (dry run, nothing written)" : "")}: {result.PartsAdded} part(s) indexed, {result.PartsUnchanged} unchanged, {result.PartsRelinked} re-linked; " +
            $"{result.Items:N0} items from {result.MediaEntries:N0} media members, {result.Albums} albums, {result.NewlyMissing:N0} newly missing; " +
            $"{result.Rejected.Count:N0} member(s) rejected, {result.Refused.Count} path(s) refused, {result.DamagedParts.Count} damaged part(s); " +
            $"media bytes read for dates: {result.MediaHeadBytes:N0} ({result.MediaHeads:N0} heads){hashed}; {clock.Elapsed.TotalSeconds:0.00} s.");
        return result.PartErrors.Count == 0 && result.Refused.Count == 0 ? ExitCodes.Ok : ExitCodes.Failed;
    }

    /// <summary>The dry run's listing on stdout: one line per item (the folder it would land in), then albums and damaged parts.</summary>
    private static void PrintPreview(TakeoutAddResult result)
    {
        foreach (var item in (result.Preview ?? []).OrderBy(i => i.CaptureTime).ThenBy(i => i.FileName, StringComparer.Ordinal))
        {
            var folder = item.CaptureTime is { } t ? $"photos/{t.UtcDateTime:yyyy}/{t.UtcDateTime:MM}" : "photos/undated";
            Console.WriteLine($"item\t{folder}/{item.FileName}\t{item.Size}\t{item.CaptureTimeSource ?? "-"}{(item.IsTrashed ? "\ttrashed" : "")}");
        }

        foreach (var album in result.PreviewAlbums ?? [])
        {
            Console.WriteLine($"album\t{album.Title}\t{album.ItemIdentities.Count} item(s)");
        }

        foreach (var rejected in result.Rejected)
        {
            Console.WriteLine($"rejected\t{rejected}");
        }

        foreach (var damaged in result.DamagedParts)
        {
            Console.WriteLine($"damaged\t{damaged}");
        }
    }

    private static int RunList(LibraryLocation library)
    {
        if (!library.Exists)
        {
            Console.Error.WriteLine($"gphotosfs: no library at {library.Folder}.");
            return ExitCodes.Failed;
        }

        using var catalog = LibraryCatalog.Open(library.CatalogPath, CatalogAccess.ReadOnly);
        var parts = new TakeoutIndexer(catalog).ListParts();
        if (parts.Count == 0)
        {
            Console.WriteLine("No Takeout parts; add some with: gphotosfs takeout add PATH…");
            return ExitCodes.Ok;
        }

        foreach (var part in parts.OrderBy(p => p.Export, StringComparer.Ordinal).ThenBy(p => p.Path, StringComparer.Ordinal))
        {
            var present = part.Kind == PartKind.Folder ? Directory.Exists(part.Path) : File.Exists(part.Path);
            var state = !present ? "MISSING" : part.LastError is not null ? "ERROR" : "ok";
            Console.WriteLine($"{part.Id}  {state,-7}  {part.Kind,-7}  {part.MediaCount,8:N0} media  {part.Export}  {part.Path}{(part.LastError is null ? "" : $"  ({part.LastError})")}");
        }

        return ExitCodes.Ok;
    }

    private static int RunRemove(LibraryLocation library, string part)
    {
        if (!library.Exists)
        {
            Console.Error.WriteLine($"gphotosfs: no library at {library.Folder}.");
            return ExitCodes.Failed;
        }

        using var catalog = LibraryCatalog.Open(library.CatalogPath, CatalogAccess.ReadWrite);
        var removed = new TakeoutIndexer(catalog).Remove(part);
        if (removed is null)
        {
            Console.Error.WriteLine($"gphotosfs: no Takeout part '{part}' in {library.Folder} (see 'gphotosfs takeout list').");
            return ExitCodes.Failed;
        }

        if (catalog.GetSources().FirstOrDefault(s => s.Kind == SourceKinds.Takeout && s.Name == TakeoutIndexer.DefaultSourceName) is { } source)
        {
            TakeoutPartsCheck.RecordHealth(new SourceHealthStore(library.StateFolder), source.Id, new TakeoutIndexer(catalog).ListParts(), DateTimeOffset.UtcNow);
        }

        Console.Error.WriteLine($"Removed Takeout part {removed.Id} ({removed.Path}); its items stay in the library.");
        return ExitCodes.Ok;
    }

    /// <summary>Expands globs in the last path segment ("exports/takeout-*.zip"), as a shell would when the argument was quoted.</summary>
    private static List<string> Expand(string[] given, out List<string> unmatched)
    {
        var paths = new List<string>();
        unmatched = [];
        foreach (var path in given)
        {
            if (File.Exists(path) || Directory.Exists(path) || path.IndexOfAny(['*', '?']) < 0)
            {
                paths.Add(path);
                continue;
            }

            var folder = Path.GetDirectoryName(path) is { Length: > 0 } d ? d : ".";
            var matches = Directory.Exists(folder)
                ? Directory.EnumerateFileSystemEntries(folder, Path.GetFileName(path)).Order(StringComparer.Ordinal).ToList()
                : [];
            if (matches.Count == 0)
            {
                unmatched.Add(path);
            }

            paths.AddRange(matches);
        }

        return paths;
    }

    private static class SampleExport
    {
        public static IReadOnlyList<string> Write(string folder, string name, IReadOnlyList<GPhotosFs.Takeout.Samples.TakeoutMember> members, int parts, string format) =>
            format == "tgz"
                ? GPhotosFs.Takeout.Samples.TakeoutExportWriter.WriteTgz(folder, name, members, parts)
                : GPhotosFs.Takeout.Samples.TakeoutExportWriter.WriteZip(folder, name, members, parts, deflate: false,
                    deflateMember: m => m.Path.EndsWith(".json", StringComparison.Ordinal));
    }

}
