using Microsoft.Data.Sqlite;

namespace GPhotosFs.Catalog;

/// <summary>
/// The read side of the catalog: queries and row mapping shared by <see cref="LibraryCatalog"/>
/// (one connection per call) and <see cref="CatalogSnapshot"/> (one transaction for many reads).
/// </summary>
internal static class CatalogQueries
{
    private const string ItemColumns =
        "id, source_id, source_item_id, locator, file_name, mime_type, capture_time, capture_time_source, " +
        "size, width, height, camera_make, camera_model, latitude, longitude, altitude, description, " +
        "favorite, archived, trashed, content_hash, dir_path, name, missing_since, added_at, updated_at";

    private const string AlbumColumns = "id, source_id, source_album_id, title, description, dir_name, added_at, updated_at";

    public static long GetDataVersion(SqliteConnection connection, SqliteTransaction? transaction) =>
        connection.ScalarInt64($"SELECT CAST(value AS INTEGER) FROM meta WHERE key = '{CatalogMeta.DataVersionKey}';", transaction);

    public static ItemRecord? GetItem(SqliteConnection connection, SqliteTransaction? transaction, long id)
    {
        using SqliteCommand command = connection.CreateCommand($"SELECT {ItemColumns} FROM items WHERE id = $id;", transaction);
        command.Parameters.AddWithValue("$id", id);
        using SqliteDataReader reader = command.ExecuteReader();
        return reader.Read() ? ReadItem(reader) : null;
    }

    public static long? FindItemId(SqliteConnection connection, SqliteTransaction? transaction, long sourceId, string sourceItemId)
    {
        using SqliteCommand command = connection.CreateCommand(
            "SELECT id FROM items WHERE source_id = $source AND source_item_id = $sourceItem;", transaction);
        command.Parameters.AddWithValue("$source", sourceId);
        command.Parameters.AddWithValue("$sourceItem", sourceItemId);
        return command.ExecuteScalar() is long id ? id : null;
    }

    public static AlbumRecord? GetAlbum(SqliteConnection connection, SqliteTransaction? transaction, long id)
    {
        using SqliteCommand command = connection.CreateCommand($"SELECT {AlbumColumns} FROM albums WHERE id = $id;", transaction);
        command.Parameters.AddWithValue("$id", id);
        using SqliteDataReader reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        return new AlbumRecord
        {
            Id = reader.GetInt64(0),
            SourceId = reader.GetInt64(1),
            SourceAlbumId = reader.GetString(2),
            Title = reader.GetString(3),
            Description = reader.GetStringOrNull(4),
            DirName = reader.GetStringOrNull(5),
            AddedAt = UnixTime.FromMillisecondsOrEpoch(reader.GetInt64(6)),
            UpdatedAt = UnixTime.FromMillisecondsOrEpoch(reader.GetInt64(7)),
        };
    }

    public static IReadOnlyList<SourceRecord> GetSources(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using SqliteCommand command = connection.CreateCommand(
            "SELECT id, kind, name, config, created_at FROM sources ORDER BY id;", transaction);
        using SqliteDataReader reader = command.ExecuteReader();
        var sources = new List<SourceRecord>();
        while (reader.Read())
        {
            sources.Add(ReadSource(reader));
        }

        return sources;
    }

    public static SourceRecord? FindSource(SqliteConnection connection, SqliteTransaction? transaction, string name)
    {
        using SqliteCommand command = connection.CreateCommand(
            "SELECT id, kind, name, config, created_at FROM sources WHERE name = $name;", transaction);
        command.Parameters.AddWithValue("$name", name);
        using SqliteDataReader reader = command.ExecuteReader();
        return reader.Read() ? ReadSource(reader) : null;
    }

    public static SyncState? GetSyncState(SqliteConnection connection, SqliteTransaction? transaction, long sourceId)
    {
        using SqliteCommand command = connection.CreateCommand(
            """
            SELECT last_started, last_finished, last_success, last_result, last_error, cursor, items_seen
            FROM sync_state WHERE source_id = $source;
            """,
            transaction);
        command.Parameters.AddWithValue("$source", sourceId);
        using SqliteDataReader reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        return new SyncState
        {
            SourceId = sourceId,
            LastStarted = UnixTime.FromMilliseconds(reader.GetInt64OrNull(0)),
            LastFinished = UnixTime.FromMilliseconds(reader.GetInt64OrNull(1)),
            LastSuccess = UnixTime.FromMilliseconds(reader.GetInt64OrNull(2)),
            LastResult = reader.GetStringOrNull(3),
            LastError = reader.GetStringOrNull(4),
            Cursor = reader.GetStringOrNull(5),
            ItemsSeen = reader.GetInt64OrNull(6),
        };
    }

    /// <summary>Items with an assigned path, folder by folder (the order of the unique index).</summary>
    public static IReadOnlyDictionary<long, long> ReadItemSourceIds(SqliteConnection connection)
    {
        using SqliteCommand command = connection.CreateCommand("SELECT id, source_id FROM items WHERE dir_path IS NOT NULL;", null);
        using SqliteDataReader reader = command.ExecuteReader();
        var sources = new Dictionary<long, long>();
        while (reader.Read())
        {
            sources[reader.GetInt64(0)] = reader.GetInt64(1);
        }

        return sources;
    }

    public static IEnumerable<TreeItemRow> ReadTreeItems(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using SqliteCommand command = connection.CreateCommand(
            """
            SELECT id, dir_path, name, size,
                   CASE WHEN capture_time_source = 'exif-learned' THEN NULL ELSE capture_time END, -- ItemRecord.ShownTime
                   mime_type, favorite, archived, trashed, missing_since, added_at, updated_at
            FROM items WHERE dir_path IS NOT NULL
            ORDER BY dir_path, name_key;
            """,
            transaction);
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return new TreeItemRow(
                Id: reader.GetInt64(0),
                DirPath: reader.GetString(1),
                Name: reader.GetString(2),
                Size: reader.GetInt64OrNull(3),
                CaptureTime: UnixTime.FromMilliseconds(reader.GetInt64OrNull(4)),
                MimeType: reader.GetStringOrNull(5),
                IsFavorite: reader.GetFlag(6),
                IsArchived: reader.GetFlag(7),
                IsTrashed: reader.GetFlag(8),
                MissingSince: UnixTime.FromMilliseconds(reader.GetInt64OrNull(9)),
                AddedAt: UnixTime.FromMillisecondsOrEpoch(reader.GetInt64(10)),
                UpdatedAt: UnixTime.FromMillisecondsOrEpoch(reader.GetInt64(11)));
        }
    }

    /// <summary>Albums with an assigned folder name.</summary>
    public static IEnumerable<TreeAlbumRow> ReadTreeAlbums(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using SqliteCommand command = connection.CreateCommand(
            "SELECT id, dir_name, title FROM albums WHERE dir_name IS NOT NULL ORDER BY dir_key;", transaction);
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return new TreeAlbumRow(reader.GetInt64(0), reader.GetString(1), reader.GetString(2));
        }
    }

    /// <summary>Named album entries, album by album in album order.</summary>
    public static IEnumerable<TreeAlbumEntryRow> ReadTreeAlbumEntries(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using SqliteCommand command = connection.CreateCommand(
            """
            SELECT album_id, item_id, position, name FROM album_items
            WHERE name IS NOT NULL
            ORDER BY album_id, position, item_id;
            """,
            transaction);
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return new TreeAlbumEntryRow(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt32(2), reader.GetString(3));
        }
    }

    private static SourceRecord ReadSource(SqliteDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetStringOrNull(3),
        UnixTime.FromMillisecondsOrEpoch(reader.GetInt64(4)));

    private static ItemRecord ReadItem(SqliteDataReader reader) => new()
    {
        Id = reader.GetInt64(0),
        SourceId = reader.GetInt64(1),
        SourceItemId = reader.GetString(2),
        Locator = reader.GetStringOrNull(3),
        FileName = reader.GetString(4),
        MimeType = reader.GetStringOrNull(5),
        CaptureTime = UnixTime.FromMilliseconds(reader.GetInt64OrNull(6)),
        CaptureTimeSource = reader.GetStringOrNull(7),
        Size = reader.GetInt64OrNull(8),
        Width = reader.GetInt32OrNull(9),
        Height = reader.GetInt32OrNull(10),
        CameraMake = reader.GetStringOrNull(11),
        CameraModel = reader.GetStringOrNull(12),
        Latitude = reader.GetDoubleOrNull(13),
        Longitude = reader.GetDoubleOrNull(14),
        Altitude = reader.GetDoubleOrNull(15),
        Description = reader.GetStringOrNull(16),
        IsFavorite = reader.GetFlag(17),
        IsArchived = reader.GetFlag(18),
        IsTrashed = reader.GetFlag(19),
        ContentHash = reader.GetStringOrNull(20),
        DirPath = reader.GetStringOrNull(21),
        Name = reader.GetStringOrNull(22),
        MissingSince = UnixTime.FromMilliseconds(reader.GetInt64OrNull(23)),
        AddedAt = UnixTime.FromMillisecondsOrEpoch(reader.GetInt64(24)),
        UpdatedAt = UnixTime.FromMillisecondsOrEpoch(reader.GetInt64(25)),
    };
}
