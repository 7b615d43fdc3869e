using GPhotosFs.Cli.Library;

namespace GPhotosFs.Cli.Config;

/// <summary>
/// A library located from the command line, the environment and its config file together. The
/// library folder comes from --library, else $GPHOTOSFS_LIBRARY, else the "library" key of
/// $GPHOTOSFS_CONFIG_DIR/config.json (how the systemd units name a library), else the default.
/// </summary>
public static class ConfiguredLibrary
{
    /// <exception cref="ConfigException">The config file is unusable (the message names it).</exception>
    public static (LibraryLocation Library, LibraryConfig Config) Resolve(string? libraryOption, string? cacheFolderOption = null)
    {
        var library = LibraryLocation.Resolve(libraryOption);
        if (string.IsNullOrWhiteSpace(libraryOption)
            && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("GPHOTOSFS_LIBRARY"))
            && Environment.GetEnvironmentVariable("GPHOTOSFS_CONFIG_DIR") is { Length: > 0 })
        {
            var named = LibraryConfig.Load(Path.Combine(library.ConfigFolder, LibraryConfig.FileName));
            if (named.Library is { } folder)
            {
                library = new LibraryLocation(Path.GetFullPath(folder));
            }
        }

        var config = LibraryConfig.Load(Path.Combine(library.ConfigFolder, LibraryConfig.FileName));
        var cache = cacheFolderOption ?? config.CacheFolder;
        return (string.IsNullOrWhiteSpace(cache) ? library : library with { CacheFolderOverride = Path.GetFullPath(cache, library.Folder) }, config);
    }
}
