using Microsoft.Data.Sqlite;

namespace GPhotosFs.Catalog;

/// <summary>How the catalog opens its SQLite connections, and the per-connection settings.</summary>
internal static class CatalogConnections
{
    /// <summary>How long a statement waits for another process's lock before giving up.</summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The writer's page cache (in KiB). The default 2 MiB makes 100,000-row upserts thrash the
    /// index pages; 16 MiB keeps a large library's indexes resident at modest cost.
    /// </summary>
    private const int WriterCacheKiB = 16 * 1024;

    /// <summary>
    /// A big sync grows the '-wal' file to tens of MiB, and SQLite keeps that size for reuse;
    /// on a NAS that is disk space held for nothing, so trim it back after each checkpoint.
    /// </summary>
    private const long WalSizeLimitBytes = 16L * 1024 * 1024;

    /// <summary>
    /// The writer is a single long-lived connection; pooling would only keep the file open after
    /// disposal. It never creates the file: <see cref="PrivateFiles"/> does, with the right mode.
    /// </summary>
    public static string WriterConnectionString(string path) => Build(path, SqliteOpenMode.ReadWrite, pooling: false);

    /// <summary>
    /// Readers come and go per call (GetItem serves xattr lookups), so they are pooled; the
    /// catalog clears the pool when disposed so no file handle outlives it.
    /// </summary>
    public static string ReaderConnectionString(string path) => Build(path, SqliteOpenMode.ReadOnly, pooling: true);

    /// <summary>For one-shot read-only work (inspection, backup) that must leave nothing open.</summary>
    public static string UnpooledReadOnlyConnectionString(string path) => Build(path, SqliteOpenMode.ReadOnly, pooling: false);

    public static SqliteConnection OpenWriter(string path)
    {
        var connection = new SqliteConnection(WriterConnectionString(path));
        try
        {
            connection.Open();
            SetBusyTimeout(connection);

            // WAL lets the mounted daemon read while a sync writes. The mode is persistent in the
            // file; on filesystems where SQLite cannot use WAL it keeps the old mode, which is
            // slower for concurrent readers but still correct, so we do not fail over it.
            connection.Execute("PRAGMA journal_mode = WAL;");

            // NORMAL is durable across application crashes in WAL mode; only an OS crash or power
            // loss can roll back the last transactions, never corrupt the file. Sync can redo them.
            connection.Execute(
                "PRAGMA synchronous = NORMAL;" +
                "PRAGMA foreign_keys = ON;" +
                $"PRAGMA cache_size = -{WriterCacheKiB};" +
                $"PRAGMA journal_size_limit = {WalSizeLimitBytes};");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public static SqliteConnection OpenReader(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            SetBusyTimeout(connection);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// SQLite's own busy handler waits without holding anything; Microsoft.Data.Sqlite's
    /// DefaultTimeout retry loop (also set to 5 s) caps the total wait per command.
    /// </summary>
    public static void SetBusyTimeout(SqliteConnection connection) =>
        connection.Execute($"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds};");

    private static string Build(string path, SqliteOpenMode mode, bool pooling) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = mode,
        Pooling = pooling,
        DefaultTimeout = (int)BusyTimeout.TotalSeconds,
    }.ToString();
}
