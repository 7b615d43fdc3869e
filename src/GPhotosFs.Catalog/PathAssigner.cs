using Microsoft.Data.Sqlite;

namespace GPhotosFs.Catalog;

/// <summary>
/// Gives every item, album and album entry without a name a stable one. Runs inside the
/// caller's write transaction, so the names already taken that it loads cannot change under it,
/// even with another process syncing the same catalog.
/// </summary>
/// <remarks>
/// Work is in the same deterministic order every time (items by capture time then id, albums by
/// id, entries by album, position, item), so identical catalog contents give identical names.
/// Existing names are only ever read here: a name, once given, never changes, except that the
/// upsert frees the path of an item filed by a guessed date when its authoritative date (sidecar,
/// API) arrives for another month (<see cref="ItemMergeRules.PathAssignments"/>); it is then
/// named again here, in its new folder.
/// </remarks>
internal sealed class PathAssigner
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;

    public PathAssigner(SqliteConnection connection, SqliteTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
    }

    /// <summary>Assigns all missing names; returns how many items, albums and entries got one.</summary>
    public int AssignAll() => AssignItemPaths() + AssignAlbumFolders() + AssignAlbumEntryNames();

    private int AssignItemPaths()
    {
        var pending = new List<(long Id, string FileName, long? CaptureTime)>();
        using (SqliteCommand select = Command(
            "SELECT id, file_name, capture_time FROM items WHERE name IS NULL ORDER BY capture_time, id;"))
        using (SqliteDataReader reader = select.ExecuteReader())
        {
            while (reader.Read())
            {
                pending.Add((reader.GetInt64(0), reader.GetString(1), reader.GetInt64OrNull(2)));
            }
        }

        if (pending.Count == 0)
        {
            return 0;
        }

        using SqliteCommand loadKeys = Command("SELECT name_key FROM items WHERE dir_path = $dir AND name_key IS NOT NULL;");
        SqliteParameter loadDir = loadKeys.Parameters.Add("$dir", SqliteType.Text);

        using SqliteCommand update = Command("UPDATE items SET dir_path = $dir, name = $name, name_key = $key WHERE id = $id;");
        SqliteParameter dir = update.Parameters.Add("$dir", SqliteType.Text);
        SqliteParameter name = update.Parameters.Add("$name", SqliteType.Text);
        SqliteParameter key = update.Parameters.Add("$key", SqliteType.Text);
        SqliteParameter id = update.Parameters.Add("$id", SqliteType.Integer);

        var allocators = new Dictionary<string, UniqueNameAllocator>(StringComparer.Ordinal);
        foreach ((long itemId, string fileName, long? captureTime) in pending)
        {
            string folder = CatalogLayout.ItemFolderFor(UnixTime.FromMilliseconds(captureTime));
            if (!allocators.TryGetValue(folder, out UniqueNameAllocator? allocator))
            {
                loadDir.Value = folder;
                allocator = new UniqueNameAllocator(ReadStrings(loadKeys), NameKind.File);
                allocators.Add(folder, allocator);
            }

            (string assignedName, string assignedKey) = allocator.Allocate(NameSanitizer.Sanitize(fileName));
            dir.Value = folder;
            name.Value = assignedName;
            key.Value = assignedKey;
            id.Value = itemId;
            update.ExecuteNonQuery();
        }

        return pending.Count;
    }

    private int AssignAlbumFolders()
    {
        var pending = new List<(long Id, string Title)>();
        using (SqliteCommand select = Command("SELECT id, title FROM albums WHERE dir_name IS NULL ORDER BY id;"))
        using (SqliteDataReader reader = select.ExecuteReader())
        {
            while (reader.Read())
            {
                pending.Add((reader.GetInt64(0), reader.GetString(1)));
            }
        }

        if (pending.Count == 0)
        {
            return 0;
        }

        using SqliteCommand loadKeys = Command("SELECT dir_key FROM albums WHERE dir_key IS NOT NULL;");
        var allocator = new UniqueNameAllocator(ReadStrings(loadKeys), NameKind.Folder);

        using SqliteCommand update = Command("UPDATE albums SET dir_name = $name, dir_key = $key WHERE id = $id;");
        SqliteParameter name = update.Parameters.Add("$name", SqliteType.Text);
        SqliteParameter key = update.Parameters.Add("$key", SqliteType.Text);
        SqliteParameter id = update.Parameters.Add("$id", SqliteType.Integer);

        foreach ((long albumId, string title) in pending)
        {
            // Trimmed because leading/trailing blanks in a title are accidents, and SMB shares
            // cannot represent a folder name ending in a space.
            string folderTitle = string.IsNullOrWhiteSpace(title) ? CatalogLayout.UntitledAlbum : title.Trim();
            (string assignedName, string assignedKey) = allocator.Allocate(NameSanitizer.Sanitize(folderTitle, NameKind.Folder));
            name.Value = assignedName;
            key.Value = assignedKey;
            id.Value = albumId;
            update.ExecuteNonQuery();
        }

        return pending.Count;
    }

    private int AssignAlbumEntryNames()
    {
        // Entries take their item's assigned name (already sanitized); items were named above
        // in this same transaction, so the join finds a name for every entry.
        var pending = new List<(long AlbumId, long ItemId, string ItemName)>();
        using (SqliteCommand select = Command(
            """
            SELECT e.album_id, e.item_id, i.name
            FROM album_items e JOIN items i ON i.id = e.item_id
            WHERE e.name IS NULL AND i.name IS NOT NULL
            ORDER BY e.album_id, e.position, e.item_id;
            """))
        using (SqliteDataReader reader = select.ExecuteReader())
        {
            while (reader.Read())
            {
                pending.Add((reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2)));
            }
        }

        if (pending.Count == 0)
        {
            return 0;
        }

        using SqliteCommand loadKeys = Command("SELECT name_key FROM album_items WHERE album_id = $album AND name_key IS NOT NULL;");
        SqliteParameter loadAlbum = loadKeys.Parameters.Add("$album", SqliteType.Integer);

        using SqliteCommand update = Command(
            "UPDATE album_items SET name = $name, name_key = $key WHERE album_id = $album AND item_id = $item;");
        SqliteParameter name = update.Parameters.Add("$name", SqliteType.Text);
        SqliteParameter key = update.Parameters.Add("$key", SqliteType.Text);
        SqliteParameter album = update.Parameters.Add("$album", SqliteType.Integer);
        SqliteParameter item = update.Parameters.Add("$item", SqliteType.Integer);

        // Rows arrive grouped by album, so one allocator at a time is enough.
        long currentAlbum = 0;
        UniqueNameAllocator? allocator = null;
        foreach ((long albumId, long itemId, string itemName) in pending)
        {
            if (allocator is null || albumId != currentAlbum)
            {
                loadAlbum.Value = albumId;
                allocator = new UniqueNameAllocator(ReadStrings(loadKeys), NameKind.File);
                currentAlbum = albumId;
            }

            (string assignedName, string assignedKey) = allocator.Allocate(itemName);
            name.Value = assignedName;
            key.Value = assignedKey;
            album.Value = albumId;
            item.Value = itemId;
            update.ExecuteNonQuery();
        }

        return pending.Count;
    }

    private SqliteCommand Command(string sql) => _connection.CreateCommand(sql, _transaction);

    private static List<string> ReadStrings(SqliteCommand command)
    {
        var values = new List<string>();
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
