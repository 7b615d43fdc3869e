namespace GPhotosFs.Originals;

/// <summary>
/// What the cache folder holds: complete originals under their mount paths, album links to them,
/// and (only when the cache is a filesystem of its own) the hidden partial area. One definition,
/// shared by eviction, <c>cache verify</c>, <c>cache clean</c> and <c>status</c>.
/// </summary>
public static class CacheTree
{
    /// <summary>The partial area inside the cache folder, used when the cache is on a filesystem of its own.</summary>
    public const string InnerPartialFolderName = ".gphotosfs-partial";

    /// <summary>A file being written beside its final name (older versions copied across filesystems this way).</summary>
    public const string TempSuffix = ".gphotosfs-tmp";

    /// <summary>A cached original that failed <c>cache verify</c>, moved aside (outside the backup tree's names).</summary>
    public const string QuarantineFolderName = ".gphotosfs-quarantine";

    /// <summary>The complete originals: regular files, no album links, no temp files, nothing in hidden gphotosfs folders.</summary>
    public static IEnumerable<FileInfo> EnumerateOriginals(string cacheFolder)
    {
        if (!Directory.Exists(cacheFolder))
        {
            return [];
        }

        return new DirectoryInfo(cacheFolder)
            .EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = true })
            .Where(f => f.LinkTarget is null && !IsTemp(f.Name) && !IsInHiddenArea(cacheFolder, f.FullName));
    }

    public static bool IsTemp(string name) => name.EndsWith(TempSuffix, StringComparison.Ordinal);

    public static bool IsInHiddenArea(string cacheFolder, string path)
    {
        var relative = Path.GetRelativePath(cacheFolder, path);
        return relative.StartsWith(InnerPartialFolderName + "/", StringComparison.Ordinal)
            || relative.StartsWith(QuarantineFolderName + "/", StringComparison.Ordinal);
    }

    /// <summary>Stray temp files in the cache tree (a crash mid-copy of an older version): never a complete original.</summary>
    public static IEnumerable<string> EnumerateStrayTemps(string cacheFolder) =>
        Directory.Exists(cacheFolder)
            ? Directory.EnumerateFiles(cacheFolder, "*" + TempSuffix, new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = true })
            : [];
}
