using System.CommandLine;
using GPhotosFs.Catalog;
using GPhotosFs.Cli.Config;
using GPhotosFs.Library;

namespace GPhotosFs.Cli.Commands;

/// <summary>
/// <c>gphotosfs init</c>: create a library (folder and empty catalog) and its config.json, or update
/// the given keys of an existing config (other keys, including ones other parts own, are kept).
/// </summary>
internal static class InitCommand
{
    public static Command Create()
    {
        var library = CliOptions.Library();
        var cacheFolder = ConfigOptions.CacheFolder();
        var mountPoint = new Option<string?>("--mount-point") { Description = $"Where 'gphotosfs mount' and the systemd unit mount it (config \"{LibraryConfig.MountPointKey}\")", HelpName = "DIR" };
        var options = new Option<string?>("-o") { Description = $"Default mount options, as for 'gphotosfs mount -o' (config \"{LibraryConfig.MountOptionsKey}\")", HelpName = "OPTS" };
        var syncInterval = ConfigOptions.SyncInterval();
        var staleAfter = ConfigOptions.StaleAfter();
        var healthcheckUrl = ConfigOptions.HealthcheckUrl();
        var command = new Command("init", "Create a library and its config file (or change settings of an existing one)")
        {
            library, cacheFolder, mountPoint, options, syncInterval, staleAfter, healthcheckUrl,
        };
        command.SetAction(parse => Run(
            parse.GetValue(library), parse.GetValue(cacheFolder), parse.GetValue(mountPoint), parse.GetValue(options),
            parse.GetValue(syncInterval), parse.GetValue(staleAfter), parse.GetValue(healthcheckUrl)));
        return command;
    }

    private static int Run(string? libraryOption, string? cacheFolder, string? mountPoint, string? options, string? syncInterval, string? staleAfter, string? healthcheckUrl)
    {
        try
        {
            var (library, config) = ConfiguredLibrary.Resolve(libraryOption);
            var created = !config.Exists;
            config.Library = library.Folder;
            if (cacheFolder is not null)
            {
                config.CacheFolder = cacheFolder.Length == 0 ? null : Path.GetFullPath(cacheFolder);
            }

            if (mountPoint is not null)
            {
                config.MountPoint = mountPoint.Length == 0 ? null : Path.GetFullPath(mountPoint);
            }

            if (options is not null)
            {
                // Checked now, so a typo is reported here rather than at the next boot.
                MountOptionParser.Parse([options], new(), new(), new());
                config.MountOptions = options.Length == 0 ? null : options;
            }

            if (syncInterval is not null)
            {
                config.SyncInterval = Duration.Parse(syncInterval, "--sync-interval");
            }

            if (staleAfter is not null)
            {
                config.StaleAfter = Duration.Parse(staleAfter, "--stale-after");
            }

            if (healthcheckUrl is not null)
            {
                config.HealthcheckUrl = ConfigOptions.HealthcheckUrlFrom(healthcheckUrl, config);
            }

            var newLibrary = !library.Exists;
            Directory.CreateDirectory(library.Folder);
            using (LibraryCatalog.Open(library.CatalogPath, CatalogAccess.ReadWrite))
            {
            }

            config.Save();
            Console.Error.WriteLine(newLibrary ? $"Created the library {library.Folder}." : $"The library {library.Folder} exists; kept its catalog.");
            Console.Error.WriteLine($"{(created ? "Wrote" : "Updated")} {config.Path}.");
            return ExitCodes.Ok;
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
    }
}
