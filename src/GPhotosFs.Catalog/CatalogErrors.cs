using Microsoft.Data.Sqlite;

namespace GPhotosFs.Catalog;

/// <summary>
/// The user-facing messages for catalog problems, kept in one place so they stay consistent:
/// each names the file, says what happened and what to do.
/// </summary>
internal static class CatalogErrors
{
    // Primary SQLite result codes (https://sqlite.org/rescode.html) that we translate.
    private const int SqlitePerm = 3;
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteReadOnly = 8;
    private const int SqliteIoErr = 10;
    private const int SqliteCorrupt = 11;
    private const int SqliteFull = 13;
    private const int SqliteCantOpen = 14;
    private const int SqliteNotADb = 26;

    public static CatalogException NotFound(string path) => new(
        CatalogErrorKind.NotFound, path,
        $"The catalog '{path}' does not exist. Run a sync first to create it, or check the catalog path.");

    public static CatalogException NotInitialized(string path) => new(
        CatalogErrorKind.NotInitialized, path,
        $"The catalog '{path}' is empty (it was never initialized). Run a sync first to create it.");

    public static CatalogException IsADirectory(string path) => new(
        CatalogErrorKind.IoError, path,
        $"The catalog path '{path}' is a folder, not a file. Point GPhotosFs at a catalog file inside it instead.");

    public static CatalogException NotSqlite(string path, Exception? inner = null) => new(
        CatalogErrorKind.NotSqlite, path,
        $"'{path}' is not an SQLite database (or its header is damaged), so GPhotosFs cannot use it as a catalog. " +
        "It was not modified. Check the catalog path; if this is your catalog, restore it from a backup " +
        "(or a '.bak-v*' copy next to it), or move it aside and run a sync to rebuild the catalog from your sources.",
        inner);

    public static CatalogException NotACatalog(string path, long applicationId) => new(
        CatalogErrorKind.NotACatalog, path,
        $"'{path}' is an SQLite database but not a GPhotosFs catalog (application id 0x{applicationId:X8}). " +
        "It was not modified. Check the catalog path; GPhotosFs will not write to another program's database.");

    public static CatalogException Corrupt(string path, string detail, Exception? inner = null) => new(
        CatalogErrorKind.Corrupt, path,
        $"The catalog '{path}' is damaged ({detail}). GPhotosFs stopped without modifying it. " +
        "Keep the file for inspection, restore it from a backup (or a '.bak-v*' copy next to it), " +
        "or move it aside and run a sync to rebuild the catalog from your sources.",
        inner);

    public static CatalogException NewerSchema(string path, int fileVersion, int knownVersion) => new(
        CatalogErrorKind.NewerSchema, path,
        $"The catalog '{path}' was written by a newer GPhotosFs (schema {fileVersion}, this build knows {knownVersion}); " +
        "upgrade gphotosfs. The file was not modified.");

    public static CatalogException OlderSchemaReadOnly(string path, int fileVersion, int knownVersion) => new(
        CatalogErrorKind.OlderSchema, path,
        $"The catalog '{path}' uses schema {fileVersion}, older than this build's schema {knownVersion}, " +
        "and was opened read-only, so it cannot be upgraded. Run a sync once to upgrade it, then retry.");

    public static CatalogException UpgradeFailed(string path, int fromVersion, int toVersion, Exception inner) => new(
        CatalogErrorKind.UpgradeFailed, path,
        $"Upgrading the catalog '{path}' from schema {fromVersion} to {toVersion} failed ({inner.Message}). " +
        $"The catalog was left unchanged at schema {fromVersion}" +
        (fromVersion > 0 ? $", and a copy is in '{CatalogBackup.PathFor(path, fromVersion)}'. " : ". ") +
        "Please report this as a GPhotosFs bug; until it is fixed, use the previous GPhotosFs version.",
        inner);

    public static CatalogException OpenFailed(string path, Exception inner) => new(
        CatalogErrorKind.IoError, path,
        $"The catalog '{path}' could not be opened ({inner.Message}). " +
        "Check that the file and its folder are readable and writable by this user.",
        inner);

    public static CatalogException ReadFailed(string path, IOException inner) => new(
        CatalogErrorKind.IoError, path,
        $"The catalog '{path}' could not be read ({inner.Message}). " +
        "Check that the file and its folder exist and are accessible to this user.",
        inner);

    public static CatalogException CreateFailed(string path, Exception inner) => new(
        CatalogErrorKind.IoError, path,
        $"The catalog '{path}' could not be created ({inner.Message}). " +
        "Check that its folder is writable by this user and the disk is not full.",
        inner);

    public static CatalogException BackupFailed(string path, string backupPath, Exception inner) => new(
        CatalogErrorKind.IoError, path,
        $"Could not back up the catalog '{path}' to '{backupPath}' before upgrading its schema ({inner.Message}). " +
        "The catalog was not upgraded. Free some disk space or fix the folder's permissions, then retry.",
        inner);

    /// <summary>
    /// Turns an SQLite failure that the user has to act on into a <see cref="CatalogException"/>;
    /// returns null for failures that are programming errors (constraint violations, SQL errors),
    /// which should surface unchanged.
    /// </summary>
    public static CatalogException? FromSqlite(string path, SqliteException ex) => ex.SqliteErrorCode switch
    {
        SqliteNotADb => NotSqlite(path, ex),
        SqliteCorrupt => Corrupt(path, $"SQLite: {ex.Message}", ex),
        SqliteBusy or SqliteLocked => new CatalogException(
            CatalogErrorKind.Locked, path,
            $"The catalog '{path}' stayed locked by another process (probably another sync) for too long. " +
            "Wait for it to finish, then retry.",
            ex),
        SqliteFull => new CatalogException(
            CatalogErrorKind.DiskFull, path,
            $"The disk holding the catalog '{path}' is full. Free some space, then retry; the catalog is unchanged " +
            "since the last completed operation.",
            ex),
        SqlitePerm or SqliteReadOnly or SqliteIoErr or SqliteCantOpen => new CatalogException(
            CatalogErrorKind.IoError, path,
            $"The catalog '{path}' could not be accessed ({ex.Message}). " +
            "Check that the file, its '-wal'/'-shm' companions and its folder are readable and writable by this user.",
            ex),
        _ => null,
    };
}
