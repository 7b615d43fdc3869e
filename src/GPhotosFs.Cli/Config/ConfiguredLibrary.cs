using GPhotosFs.Cli.Commands;
using GPhotosFs.Library;

namespace GPhotosFs.Cli.Config;

/// <summary>
/// The one place every command (mount, sync, prefetch, status, init, takeout, auth, pick) finds its
/// library, config file and credentials, so they all agree. The library folder comes from
/// --library, else $GPHOTOSFS_LIBRARY, else the "library" key of $GPHOTOSFS_CONFIG_DIR/config.json
/// (how the systemd units name a library), else the default under the user's data home. The config
/// folder (config.json, the OAuth token) is $GPHOTOSFS_CONFIG_DIR, else one per library name under
/// the user's config home (see <see cref="LibraryLocation.ConfigFolder"/>). Paths are always absolute.
/// </summary>
public static class ConfiguredLibrary
{
    /// <exception cref="ConfigException">The config file is unusable, or no home folder is known (the message says what to do).</exception>
    public static (LibraryLocation Library, LibraryConfig Config) Resolve(string? libraryOption, string? cacheFolderOption = null)
    {
        var library = FromOptionOrEnvironment(libraryOption);
        if (library is null)
        {
            if (Environment.GetEnvironmentVariable("GPHOTOSFS_CONFIG_DIR") is { Length: > 0 } configDir)
            {
                var named = LibraryConfig.Load(Path.Combine(Path.GetFullPath(configDir), LibraryConfig.FileName));
                if (named.Library is { } folder)
                {
                    library = new LibraryLocation(Path.GetFullPath(folder, Path.GetDirectoryName(named.Path)!));
                }
            }

            library ??= LibraryLocation.Default();
        }

        var config = LibraryConfig.Load(Path.Combine(library.ConfigFolder, LibraryConfig.FileName));
        var cache = cacheFolderOption ?? config.CacheFolder;
        return (string.IsNullOrWhiteSpace(cache) ? library : library with { CacheFolderOverride = Path.GetFullPath(cache, library.Folder) }, config);
    }

    /// <summary>
    /// <see cref="Resolve"/> for a command: a problem is printed (one line, naming the file) and
    /// null returned with the exit code to end with.
    /// </summary>
    public static (LibraryLocation Library, LibraryConfig Config)? ResolveOrReport(string? libraryOption, out int exitCode, string? cacheFolderOption = null)
    {
        try
        {
            exitCode = ExitCodes.Ok;
            return Resolve(libraryOption, cacheFolderOption);
        }
        catch (ConfigException ex)
        {
            Console.Error.WriteLine($"gphotosfs: {ex.Message}");
            exitCode = ExitCodes.Config;
            return null;
        }
    }

    private static LibraryLocation? FromOptionOrEnvironment(string? option)
    {
        if (!string.IsNullOrWhiteSpace(option))
        {
            return new LibraryLocation(Path.GetFullPath(option));
        }

        return Environment.GetEnvironmentVariable("GPHOTOSFS_LIBRARY") is { Length: > 0 } fromEnvironment
            ? new LibraryLocation(Path.GetFullPath(fromEnvironment))
            : null;
    }
}
