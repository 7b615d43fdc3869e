using System.CommandLine;
using System.Diagnostics;
using GPhotosFs.Catalog;
using GPhotosFs.Catalog.Health;
using GPhotosFs.Cli.Config;
using GPhotosFs.Drive;
using GPhotosFs.Google;
using GPhotosFs.Library;
using GPhotosFs.Takeout.Archives;
using GPhotosFs.Takeout.Indexing;

namespace GPhotosFs.Cli.Commands;

/// <summary><c>gphotosfs drive add</c>: Takeout exports delivered to Google Drive, indexed where they lie (REFERENCE §6).</summary>
internal static class DriveCommand
{
    public static Command Create()
    {
        var command = new Command("drive", "Mount Google Takeout exports delivered to Google Drive (\"Add to Drive\"), read in place by HTTP Range");
        command.Subcommands.Add(Add());
        return command;
    }

    private static Command Add()
    {
        var library = CliOptions.Library();
        var folder = new Option<string>("--folder")
        {
            Description = "The Drive folder Takeout delivers to (every folder of that name is searched)",
            HelpName = "NAME",
            DefaultValueFactory = _ => DriveTakeout.DefaultFolder,
        };
        var command = new Command("add", "Find Takeout parts (.zip) on Google Drive, group them by export and index each new export (end records, directories and sidecars by Range; " +
                                         "nothing is downloaded up front). Needs `gphotosfs auth --drive` once. Later exports are picked up by `gphotosfs sync` and a mount's sync_interval")
        {
            library, folder,
        };
        command.SetAction((parse, cancellationToken) => ConfiguredLibrary.ResolveOrReport(parse.GetValue(library), out var code) is { } at
            ? RunAddAsync(at.Library, parse.GetValue(folder)!, cancellationToken)
            : Task.FromResult(code));
        return command;
    }

    private static async Task<int> RunAddAsync(LibraryLocation library, string folder, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(library.Folder);
        using var catalog = LibraryCatalog.Open(library.CatalogPath, CatalogAccess.ReadWrite);
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var progress = TakeoutProgressLines.ToStandardError();
        var clock = Stopwatch.StartNew();
        DriveAddResult result;
        try
        {
            using var connection = new DriveConnection(library.ConfigFolder, http);
            result = await new DriveTakeout(catalog, connection.Parts, new SourceHealthStore(library.StateFolder), progress).AddAsync(folder, cancellationToken);
            Console.Error.WriteLine($"Drive: {connection.Client.Requests:N0} requests, {connection.Client.BytesRead:N0} bytes of part content read in {clock.Elapsed.TotalSeconds:0.0} s");
        }
        catch (Exception ex) when (ex is DriveException or RemotePartException or GoogleAuthException or GoogleConfigException or GoogleApiException)
        {
            Console.Error.WriteLine($"gphotosfs: {ex.Message}");
            return ExitCodes.Failed;
        }
        catch (InvalidDataException ex)
        {
            Console.Error.WriteLine($"gphotosfs: {ex.Message}");
            return ExitCodes.Failed;
        }

        foreach (var refused in result.Refused.Concat(result.Indexed.Refused))
        {
            Console.Error.WriteLine($"gphotosfs: {refused}");
        }

        foreach (var error in result.Indexed.PartErrors)
        {
            Console.Error.WriteLine($"gphotosfs: {error}");
        }

        foreach (var gone in result.Removed)
        {
            Console.Error.WriteLine($"gphotosfs: {DrivePart.Parse(gone.Path)?.Name ?? gone.Path} (export {gone.Export}) is no longer on Google Drive; its items stay, those not cached cannot be read.");
        }

        if (result.Folders == 0)
        {
            Console.Error.WriteLine($"gphotosfs: no folder named '{folder}' on Google Drive; Takeout's \"Add to Drive\" creates one called \"Takeout\" (or give --folder NAME).");
            return ExitCodes.Failed;
        }

        var indexed = result.Indexed;
        Console.WriteLine($"{result.Parts} part(s) of {result.Exports} export(s) in {result.Folders} Drive folder(s) '{folder}': {indexed.PartsAdded} indexed now, {indexed.PartsUnchanged} unchanged; " +
                          $"{indexed.Items:N0} items, {indexed.Albums} albums" + (indexed.NewlyMissing > 0 ? $", {indexed.NewlyMissing} no longer in the newest export" : ""));
        return indexed.PartErrors.Count == 0 && result.Refused.Count == 0 ? ExitCodes.Ok : ExitCodes.Failed;
    }
}
