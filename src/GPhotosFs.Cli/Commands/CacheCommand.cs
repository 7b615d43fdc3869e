using System.CommandLine;
using GPhotosFs.Catalog;
using GPhotosFs.Cli.Config;
using GPhotosFs.Library;
using GPhotosFs.Originals;

namespace GPhotosFs.Cli.Commands;

/// <summary>
/// <c>gphotosfs cache verify</c> and <c>gphotosfs cache clean [--dry-run]</c>: the cache is the
/// backup, so it can be checked against the catalog and tidied without a mount.
/// </summary>
internal static class CacheCommand
{
    public static Command Create()
    {
        var command = new Command("cache", "Check or tidy the download cache (no mount needed)");
        command.Subcommands.Add(CreateVerify());
        command.Subcommands.Add(CreateClean());
        return command;
    }

    private static Command CreateVerify()
    {
        var library = CliOptions.Library();
        var cacheFolder = ConfigOptions.CacheFolder();
        var noQuarantine = new Option<bool>("--no-quarantine") { Description = "Only report mismatches; leave the files where they are" };
        var command = new Command("verify", $"Re-hash every cached original against the catalog; move mismatches to <cache>/{CacheTree.QuarantineFolderName}/ and exit 1")
        {
            library, cacheFolder, noQuarantine,
        };
        command.SetAction(parse => Verify(parse.GetValue(library), parse.GetValue(cacheFolder), !parse.GetValue(noQuarantine)));
        return command;
    }

    private static Command CreateClean()
    {
        var library = CliOptions.Library();
        var cacheFolder = ConfigOptions.CacheFolder();
        var dryRun = new Option<bool>("--dry-run", "-n") { Description = "Only list what would be removed" };
        var allPartials = new Option<bool>("--all-partials") { Description = "Also remove resumable partial downloads (frees their space; they start over when read)" };
        var command = new Command("clean", "Remove stray temp files and abandoned partial downloads (never a complete original, never one being downloaded)")
        {
            library, cacheFolder, dryRun, allPartials,
        };
        command.SetAction(parse => Clean(parse.GetValue(library), parse.GetValue(cacheFolder), parse.GetValue(dryRun), parse.GetValue(allPartials)));
        return command;
    }

    private static int Verify(string? libraryOption, string? cacheFolderOption, bool quarantine)
    {
        if (Open(libraryOption, cacheFolderOption, out var library) is not { } catalog)
        {
            return library is null ? ExitCodes.Config : ExitCodes.Failed;
        }

        VerifyReport report;
        using (catalog)
        {
            var expected = catalog.ReadTreeItems()
                .Select(row => catalog.GetItem(row.Id)!)
                .Where(i => i.DirPath is not null)
                .Select(i => new ExpectedOriginal($"{i.DirPath}/{i.Name}", i.Size, i.ContentHash))
                .ToList();
            try
            {
                report = CacheMaintenance.Verify(library!.CacheFolder, expected, quarantine);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"gphotosfs: cannot verify the cache in {library!.CacheFolder}: {ex.Message}");
                return ExitCodes.Failed;
            }
        }

        foreach (var m in report.Mismatches)
        {
            Console.WriteLine($"MISMATCH {m.RelativePath}: {m.Problem}{(m.QuarantinedTo is { } q ? $"; moved to {q}" : "")}");
        }

        foreach (var unknown in report.NotInCatalog)
        {
            Console.WriteLine($"UNKNOWN  {unknown}: not an item of the catalog (left in place)");
        }

        Console.Error.WriteLine($"Checked {report.Checked:N0} cached originals ({report.Hashed:N0} against their SHA-256, the others by size): {report.Mismatches.Count:N0} mismatched.");
        if (report.Mismatches.Count > 0)
        {
            Console.Error.WriteLine(quarantine
                ? "gphotosfs: the mismatched files were moved out of the cache tree; they are downloaded again on their next read or prefetch."
                : "gphotosfs: remove the mismatched files (or run without --no-quarantine); they are downloaded again on their next read or prefetch.");
            return ExitCodes.Failed;
        }

        return ExitCodes.Ok;
    }

    private static int Clean(string? libraryOption, string? cacheFolderOption, bool dryRun, bool allPartials)
    {
        if (Open(libraryOption, cacheFolderOption, out var library) is not { } catalog)
        {
            return library is null ? ExitCodes.Config : ExitCodes.Failed;
        }

        List<CleanedFile> cleaned;
        using (catalog)
        {
            // A partial is worth keeping while its item is shown and not cached yet.
            bool Resumable(long id) => catalog.GetItem(id) is { DirPath: not null, IsTrashed: false } item
                && !File.Exists(Path.Combine(library!.CacheFolder, item.DirPath, item.Name!));
            var partialFolders = new[] { library!.PartialFolder, Path.Combine(library.CacheFolder, CacheTree.InnerPartialFolderName) };
            try
            {
                cleaned = CacheMaintenance.Clean(library.CacheFolder, partialFolders, Resumable, allPartials, dryRun);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"gphotosfs: cannot clean the cache in {library.CacheFolder}: {ex.Message}");
                return ExitCodes.Failed;
            }
        }

        foreach (var file in cleaned)
        {
            Console.WriteLine($"{(dryRun ? "would remove" : "removed")} {file.Path} ({file.Reason}, {file.Bytes:N0} bytes on disk)");
        }

        Console.Error.WriteLine($"{(dryRun ? "Would free" : "Freed")} {cleaned.Sum(f => f.Bytes) / 1048576.0:0.0} MiB in {cleaned.Count:N0} files.");
        return ExitCodes.Ok;
    }

    private static LibraryCatalog? Open(string? libraryOption, string? cacheFolderOption, out LibraryLocation? library)
    {
        try
        {
            (library, _) = ConfiguredLibrary.Resolve(libraryOption, cacheFolderOption);
        }
        catch (Exception ex) when (ex is ConfigException or ArgumentException)
        {
            Console.Error.WriteLine($"gphotosfs: {ex.Message}");
            library = null;
            return null;
        }

        if (!library.Exists)
        {
            Console.Error.WriteLine($"gphotosfs: no library at {library.Folder} (no {LibraryLocation.CatalogFileName}).");
            return null;
        }

        try
        {
            return LibraryCatalog.Open(library.CatalogPath, CatalogAccess.ReadOnly);
        }
        catch (CatalogException ex)
        {
            Console.Error.WriteLine($"gphotosfs: {ex.Message}");
            return null;
        }
    }
}
