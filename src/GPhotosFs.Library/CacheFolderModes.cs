using Microsoft.Extensions.Logging;

namespace GPhotosFs.Library;

/// <summary>
/// The cache holds private photos, so its folders are 0700 (README). Folders made by an older
/// version (0755 below the top), or a cache folder someone created by hand (0755, or 1777 like
/// /tmp), are tightened when a command starts using the cache; new folders are made 0700 by the
/// download engine. Files are 0600 already.
/// </summary>
internal static class CacheFolderModes
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public static void MakePrivate(string cacheFolder, ILogger logger)
    {
        var root = new DirectoryInfo(cacheFolder);
        if (!root.Exists)
        {
            return;
        }

        var tightened = 0;
        try
        {
            var folders = root.EnumerateDirectories("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = true });
            foreach (var folder in folders.Prepend(root))
            {
                if (folder.LinkTarget is null && (folder.UnixFileMode & ~Private) != 0)
                {
                    folder.UnixFileMode = Private;
                    tightened++;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LibraryLog.CacheFoldersNotPrivate(logger, cacheFolder, ex.Message);
            return;
        }

        if (tightened > 0)
        {
            LibraryLog.CacheFoldersMadePrivate(logger, tightened, cacheFolder);
        }
    }
}
