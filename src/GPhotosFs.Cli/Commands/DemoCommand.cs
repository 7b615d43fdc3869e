using System.CommandLine;
using GPhotosFs.Catalog;
using GPhotosFs.Cli.Demo;
using GPhotosFs.Library;

namespace GPhotosFs.Cli.Commands;

/// <summary><c>gphotosfs demo DIR</c>: create the sample library.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var folder = new Argument<string>("DIR") { Description = "The library folder to create" };
        var extra = new Option<int>("--extra") { Description = "Also generate N small photos (for tests and benchmarks)", HelpName = "N" };
        var oneFolder = new Option<bool>("--one-folder") { Description = "Put the extra photos in a single month folder" };
        var extraKib = new Option<int>("--extra-kib") { Description = "Pad each extra photo to about N KiB (still a valid JPEG), for transfer benchmarks", HelpName = "N" };
        var bigMib = new Option<int>("--big-mib") { Description = "Also add one item of N MiB (for read benchmarks)", HelpName = "N" };
        var force = new Option<bool>("--force") { Description = "Replace an existing library in DIR" };
        var classic = new Option<bool>("--classic")
        {
            Description = "Create the local-folder sample (awkward names: slashes, control characters, collisions) instead of the Takeout one; implied by --extra, --extra-kib, --big-mib, --one-folder and --origin",
        };
        var origin = new Option<string?>("--origin")
        {
            Description = "Register the originals as downloadable from URL/<path below DIR/originals> instead of as local files (for tests and benchmarks of the download cache)",
            HelpName = "URL",
        };
        var command = new Command("demo", "Create a sample library: two generated Google Takeout exports (real JPEGs with EXIF, videos, albums, every sidecar quirk) added through the Takeout source; --classic for the local-folder sample")
        {
            folder, extra, oneFolder, extraKib, bigMib, force, origin, classic,
        };
        command.SetAction(parse => Run(
            new LibraryLocation(Path.GetFullPath(parse.GetValue(folder)!)),
            parse.GetValue(extra),
            parse.GetValue(oneFolder),
            parse.GetValue(extraKib),
            parse.GetValue(bigMib),
            parse.GetValue(force),
            parse.GetValue(origin),
            parse.GetValue(classic)));
        return command;
    }

    private static int Run(LibraryLocation library, int extra, bool oneFolder, int extraKib, int bigMib, bool force, string? originText, bool classic)
    {
        Uri? origin = null;
        if (originText is not null && (!Uri.TryCreate(originText, UriKind.Absolute, out origin) || origin.Scheme is not ("http" or "https")))
        {
            Console.Error.WriteLine($"gphotosfs: --origin needs an http:// or https:// address, not '{originText}'.");
            return ExitCodes.Usage;
        }

        if (extra < 0 || bigMib < 0 || extraKib < 0)
        {
            Console.Error.WriteLine("gphotosfs: --extra, --extra-kib and --big-mib take a number of 0 or more.");
            return ExitCodes.Usage;
        }

        if (library.Exists)
        {
            if (!force)
            {
                Console.Error.WriteLine($"gphotosfs: {library.Folder} already holds a library; use --force to replace it.");
                return ExitCodes.Failed;
            }

            foreach (var file in Directory.EnumerateFiles(library.Folder, LibraryLocation.CatalogFileName + "*"))
            {
                File.Delete(file);
            }

            foreach (var generated in new[] { DemoLibraryBuilder.OriginalsFolder, DemoTakeoutBuilder.ExportsFolder, "cache", "partial", "state" })
            {
                var path = Path.Combine(library.Folder, generated);
                if (Directory.Exists(path))
                {
                    Directory.Delete(path, recursive: true);
                }
            }
        }

        // The benchmark options extend the local-folder sample.
        if (!classic && extra == 0 && extraKib == 0 && bigMib == 0 && !oneFolder && origin is null)
        {
            try
            {
                var takeout = new DemoTakeoutBuilder(library).Build();
                Console.WriteLine($"Demo library with {takeout.Items:N0} items from two Takeout exports ({takeout.Bytes / 1048576.0:0.0} MiB in {Path.Combine(takeout.Folder, DemoTakeoutBuilder.ExportsFolder)}) created in {takeout.Folder}");
                Console.WriteLine($"Mount it with: gphotosfs mount MOUNTPOINT --library {takeout.Folder}");
                return ExitCodes.Ok;
            }
            catch (Exception ex) when (ex is IOException or CatalogException or InvalidDataException)
            {
                Console.Error.WriteLine($"gphotosfs: cannot create the demo library in {library.Folder}: {ex.Message}");
                return ExitCodes.Failed;
            }
        }

        var lastShown = DateTime.MinValue;
        var builder = new DemoLibraryBuilder(library)
        {
            ExtraItems = extra,
            ExtraInOneFolder = oneFolder,
            ExtraKibibytes = extraKib,
            BigItemMebibytes = bigMib,
            OriginBaseUri = origin,
            Progress = new Progress<(int Done, int Total)>(p =>
            {
                if (p.Total >= 1000 && (DateTime.UtcNow - lastShown > TimeSpan.FromSeconds(1) || p.Done == p.Total))
                {
                    lastShown = DateTime.UtcNow;
                    Console.Error.WriteLine($"generated {p.Done:N0} of {p.Total:N0} items");
                }
            }),
        };
        try
        {
            var summary = builder.Build();
            Console.WriteLine($"Demo library with {summary.Items:N0} items ({summary.Bytes / 1048576.0:0.0} MiB) created in {summary.Folder}");
            Console.WriteLine($"Mount it with: gphotosfs mount MOUNTPOINT --library {summary.Folder}");
            return ExitCodes.Ok;
        }
        catch (CatalogException ex)
        {
            Console.Error.WriteLine($"gphotosfs: {ex.Message}");
            return ExitCodes.Failed;
        }
        catch (IOException ex)
        {
            Console.Error.WriteLine($"gphotosfs: cannot write the demo library in {library.Folder}: {ex.Message}");
            return ExitCodes.Failed;
        }
    }
}
