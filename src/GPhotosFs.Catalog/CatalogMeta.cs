using Microsoft.Data.Sqlite;

namespace GPhotosFs.Catalog;

/// <summary>Keys of the meta table and the data_version counter kept there.</summary>
internal static class CatalogMeta
{
    /// <summary>
    /// Counts committed changes to catalog contents. A mounted daemon polls it to tell, with one
    /// tiny read, whether its in-memory tree is stale; unlike SQLite's own PRAGMA data_version it
    /// persists and works across processes and restarts.
    /// </summary>
    public const string DataVersionKey = "data_version";

    public static void IncrementDataVersion(SqliteConnection connection, SqliteTransaction transaction) =>
        connection.Execute(
            $"""
            INSERT INTO meta (key, value) VALUES ('{DataVersionKey}', 1)
            ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1;
            """,
            transaction);
}
