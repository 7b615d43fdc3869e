namespace GPhotosFs.Library;

/// <summary>Where a library lives: its folder holds the catalog and, for local sources, the originals.</summary>
public sealed record LibraryLocation(string Folder)
{
    public const string CatalogFileName = "catalog.db";

    public string CatalogPath => Path.Combine(Folder, CatalogFileName);

    public string LogPath => Path.Combine(Folder, "gphotosfs.log");

    /// <summary>Complete originals, as the same tree as the mount's photos/: rsync or snapshot it directly.</summary>
    public string CacheFolder => CacheFolderOverride ?? Path.Combine(Folder, "cache");

    /// <summary>A cache folder elsewhere (config "cache_folder" or --cache-folder), e.g. on a bigger disk.</summary>
    public string? CacheFolderOverride { get; init; }

    /// <summary>
    /// Downloads in progress and their range records; outside the cache tree so a backup of it never
    /// sees them, but beside it (same filesystem) so a finished download is renamed, not copied, into it.
    /// </summary>
    public string PartialFolder => CacheFolderOverride is { } cache
        ? Path.Combine(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(cache))!, Path.GetFileName(Path.TrimEndingDirectorySeparator(cache)) + ".partial")
        : Path.Combine(Folder, "partial");

    /// <summary>Small state files beside the catalog: per-source health (see SourceHealthStore), locks.</summary>
    public string StateFolder => Path.Combine(Folder, "state");

    /// <summary>
    /// This library's configuration and credentials: $GPHOTOSFS_CONFIG_DIR, else
    /// $XDG_CONFIG_HOME/gphotosfs/&lt;library folder name&gt; (~/.config/…). Holds config.json and tokens, mode 0700.
    /// </summary>
    public string ConfigFolder =>
        Environment.GetEnvironmentVariable("GPHOTOSFS_CONFIG_DIR") is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(UserFolders.ConfigHome(), "gphotosfs", Path.GetFileName(Path.TrimEndingDirectorySeparator(Folder)));

    public bool Exists => File.Exists(CatalogPath);

    /// <summary>The default library: $XDG_DATA_HOME/gphotosfs/library (~/.local/share/…). Only the CLI's ConfiguredLibrary picks a library.</summary>
    /// <exception cref="ConfigException">No absolute home folder is known.</exception>
    internal static LibraryLocation Default() => new(Path.Combine(UserFolders.DataHome(), "gphotosfs", "library"));

    /// <summary>The demo library's default home, used by mount.sh --demo.</summary>
    public static LibraryLocation DefaultDemo() => new(Path.Combine(UserFolders.DataHome(), "gphotosfs", "demo"));
}
