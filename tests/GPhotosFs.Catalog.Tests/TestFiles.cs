using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

namespace GPhotosFs.Catalog.Tests;

/// <summary>Helpers for inspecting and tampering with catalog files behind the catalog's back.</summary>
public static class TestFiles
{
    public static string Sha256(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    /// <summary>An unpooled raw connection, so the file is really closed when it is disposed.</summary>
    public static SqliteConnection OpenRaw(string path, SqliteOpenMode mode = SqliteOpenMode.ReadWriteCreate)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = mode,
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }

    public static void ExecuteRaw(string path, string sql)
    {
        using SqliteConnection connection = OpenRaw(path, SqliteOpenMode.ReadWrite);
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static long ScalarRaw(string path, string sql)
    {
        using SqliteConnection connection = OpenRaw(path, SqliteOpenMode.ReadOnly);
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The companion files SQLite may keep next to a database.</summary>
    public static IEnumerable<string> Companions(string path) => [path + "-wal", path + "-shm", path + "-journal"];
}
