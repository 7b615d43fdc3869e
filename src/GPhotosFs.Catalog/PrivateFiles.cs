namespace GPhotosFs.Catalog;

/// <summary>
/// Creates files and folders readable only by their owner. The catalog reveals what is in a
/// user's photo library (names, places, times), so on a shared NAS nobody else should read it.
/// </summary>
public static class PrivateFiles
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerAll = OwnerReadWrite | UnixFileMode.UserExecute;

    /// <summary>
    /// Creates <paramref name="directory"/> and its missing parents, each with mode 0700. Folders
    /// that already exist are left alone: they belong to the user, who may share them on purpose.
    /// </summary>
    public static void EnsureDirectory(string directory)
    {
        if (Directory.Exists(directory))
        {
            return;
        }

        // Directory.CreateDirectory(path, mode) gives the mode to the last folder only; create
        // the missing ones top-down so every folder we create is private.
        var missing = new Stack<string>();
        for (string? current = directory; current is not null && !Directory.Exists(current); current = Path.GetDirectoryName(current))
        {
            missing.Push(current);
        }

        while (missing.TryPop(out string? folder))
        {
            Directory.CreateDirectory(folder, OwnerAll);

            // mkdir applies the umask; a umask can only remove bits, but make the mode exact anyway.
            File.SetUnixFileMode(folder, OwnerAll);
        }
    }

    /// <summary>
    /// Creates a new empty file with mode 0600, failing if it exists. SQLite gives the '-wal' and
    /// '-shm' files it creates later the same mode as the database file, so creating the database
    /// file this way keeps all three private without racing SQLite to chmod them.
    /// </summary>
    public static void CreateEmptyFile(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerReadWrite };
        using (new FileStream(path, options))
        {
        }

        // The create mode is filtered through the umask; make the result exact regardless.
        File.SetUnixFileMode(path, OwnerReadWrite);
    }
}
