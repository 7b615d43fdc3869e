using Microsoft.Data.Sqlite;

namespace GPhotosFs.Catalog;

/// <summary>
/// Decides, without writing anything, whether a file is a usable catalog. This runs before any
/// read-write connection exists because opening one may already write (switching to WAL,
/// migrating), and a corrupt, foreign or newer file must stay byte-identical.
/// </summary>
/// <remarks>
/// The file is only ever opened through SQLite (read-only), never with our own file handle:
/// closing any descriptor of a file drops every POSIX lock this process holds on it, including
/// those of another open catalog connection, which is a documented way to corrupt SQLite files.
/// </remarks>
internal static class CatalogFileInspector
{
    public static CatalogFileState Inspect(string path, int latestVersion)
    {
        if (Directory.Exists(path))
        {
            throw CatalogErrors.IsADirectory(path);
        }

        if (!File.Exists(path))
        {
            return new CatalogFileState(CatalogFileKind.Missing, 0);
        }

        // A zero-length file is what SQLite itself would create: a valid, empty database.
        if (new FileInfo(path).Length == 0)
        {
            return new CatalogFileState(CatalogFileKind.Empty, 0);
        }

        try
        {
            using var connection = new SqliteConnection(CatalogConnections.UnpooledReadOnlyConnectionString(path));
            connection.Open();
            CatalogConnections.SetBusyTimeout(connection);
            return InspectDatabase(connection, path, latestVersion);
        }
        catch (SqliteException ex)
        {
            throw CatalogErrors.FromSqlite(path, ex) ?? CatalogErrors.Corrupt(path, $"SQLite: {ex.Message}", ex);
        }
    }

    private static CatalogFileState InspectDatabase(SqliteConnection connection, string path, int latestVersion)
    {
        // Read through SQLite rather than from the header bytes: a committed migration may
        // still sit in the '-wal' file, and only SQLite sees it.
        long applicationId = connection.ScalarInt64("PRAGMA application_id;");
        int userVersion = (int)connection.ScalarInt64("PRAGMA user_version;");

        if (applicationId != CatalogMigrations.ApplicationId)
        {
            bool isBlank = applicationId == 0 && userVersion == 0
                && connection.ScalarInt64("SELECT count(*) FROM sqlite_schema;") == 0;
            return isBlank ? new CatalogFileState(CatalogFileKind.Empty, 0) : throw CatalogErrors.NotACatalog(path, applicationId);
        }

        if (userVersion > latestVersion)
        {
            throw CatalogErrors.NewerSchema(path, userVersion, latestVersion);
        }

        // quick_check reads every page but skips the costly index-vs-table cross-checks; a
        // catalog of 100,000 items takes well under a second. Finding damage here, before a sync
        // writes on top of it, is what keeps a bad sector from silently spreading.
        string verdict = connection.ScalarString("PRAGMA quick_check(1);") ?? "no result";
        if (!string.Equals(verdict, "ok", StringComparison.Ordinal))
        {
            throw CatalogErrors.Corrupt(path, $"integrity check: {verdict}");
        }

        return new CatalogFileState(CatalogFileKind.Catalog, userVersion);
    }

}
