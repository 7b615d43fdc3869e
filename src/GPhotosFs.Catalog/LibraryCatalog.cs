using Microsoft.Data.Sqlite;

namespace GPhotosFs.Catalog;

/// <summary>
/// The SQLite catalog of a photo library: what items and albums exist, their metadata, and the
/// stable paths under which the daemon presents them.
/// </summary>
/// <remarks>
/// Thread-safe. Writes go through one connection and are serialized by a lock (SQLite allows a
/// single writer anyway); each write method is one transaction. Reads use their own pooled
/// read-only connections and, thanks to WAL, run concurrently with writes, seeing only
/// committed data. Several processes may open the same catalog: SQLite's locks (waited on for up
/// to 5 s) serialize their writes.
/// </remarks>
public sealed partial class LibraryCatalog : IDisposable
{
    /// <summary>The schema version this build creates and understands.</summary>
    public const int SchemaVersion = 2;

    // SQLite extended result code for a violated FOREIGN KEY constraint.
    private const int SqliteConstraintForeignKey = 787;

    private readonly Lock _writeLock = new();
    private readonly SqliteConnection? _writer;
    private readonly string _readerConnectionString;
    private readonly TimeProvider _time;
    private volatile bool _disposed;

    private LibraryCatalog(string path, CatalogAccess access, SqliteConnection? writer, TimeProvider time)
    {
        Path = path;
        Access = access;
        _writer = writer;
        _time = time;
        _readerConnectionString = CatalogConnections.ReaderConnectionString(path);
    }

    /// <summary>Full path of the catalog file.</summary>
    public string Path { get; }

    public CatalogAccess Access { get; }

    /// <summary>
    /// Opens the catalog at <paramref name="path"/>. <see cref="CatalogAccess.ReadWrite"/> creates
    /// it when missing (folder 0700, files 0600) and upgrades an older schema after backing the
    /// file up to "&lt;path&gt;.bak-v&lt;old&gt;"; <see cref="CatalogAccess.ReadOnly"/> never writes.
    /// A file that is damaged, foreign or from a newer GPhotosFs is rejected before anything
    /// could write to it.
    /// </summary>
    /// <param name="timeProvider">Clock for the timestamps the catalog records; the system clock by default.</param>
    /// <exception cref="CatalogException">The file cannot be used; the message says why and what to do.</exception>
    public static LibraryCatalog Open(string path, CatalogAccess access, TimeProvider? timeProvider = null) =>
        Open(path, access, timeProvider ?? TimeProvider.System, CatalogMigrations.Current);

    internal static LibraryCatalog Open(string path, CatalogAccess access, TimeProvider time, CatalogMigrations migrations)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(migrations);
        string fullPath = System.IO.Path.GetFullPath(path);

        CatalogFileState state = CatalogFileInspector.Inspect(fullPath, migrations.LatestVersion);
        return access switch
        {
            CatalogAccess.ReadWrite => OpenReadWrite(fullPath, state, time, migrations),
            CatalogAccess.ReadOnly => OpenReadOnly(fullPath, state, time, migrations),
            _ => throw new ArgumentOutOfRangeException(nameof(access), access, "Unknown catalog access."),
        };
    }

    private static LibraryCatalog OpenReadWrite(string path, CatalogFileState state, TimeProvider time, CatalogMigrations migrations)
    {
        if (state.Kind == CatalogFileKind.Missing)
        {
            state = CreateFile(path, migrations);
        }

        if (state.Kind == CatalogFileKind.Catalog && state.SchemaVersion < migrations.LatestVersion)
        {
            CatalogBackup.Create(path, state.SchemaVersion);
        }

        SqliteConnection? writer = null;
        try
        {
            writer = CatalogConnections.OpenWriter(path);
            migrations.ApplyPending(writer, path);
            return new LibraryCatalog(path, CatalogAccess.ReadWrite, writer, time);
        }
        catch (SqliteException ex)
        {
            writer?.Dispose();
            throw CatalogErrors.FromSqlite(path, ex) ?? CatalogErrors.OpenFailed(path, ex);
        }
        catch
        {
            writer?.Dispose();
            throw;
        }
    }

    private static CatalogFileState CreateFile(string path, CatalogMigrations migrations)
    {
        try
        {
            PrivateFiles.EnsureDirectory(System.IO.Path.GetDirectoryName(path)!);
            PrivateFiles.CreateEmptyFile(path);
            return new CatalogFileState(CatalogFileKind.Empty, 0);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it between our inspection and now: judge what it made.
            return CatalogFileInspector.Inspect(path, migrations.LatestVersion);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw CatalogErrors.CreateFailed(path, ex);
        }
    }

    private static LibraryCatalog OpenReadOnly(string path, CatalogFileState state, TimeProvider time, CatalogMigrations migrations)
    {
        switch (state.Kind)
        {
            case CatalogFileKind.Missing:
                throw CatalogErrors.NotFound(path);
            case CatalogFileKind.Empty:
                throw CatalogErrors.NotInitialized(path);
            case CatalogFileKind.Catalog when state.SchemaVersion < migrations.LatestVersion:
                throw CatalogErrors.OlderSchemaReadOnly(path, state.SchemaVersion, migrations.LatestVersion);
        }

        var catalog = new LibraryCatalog(path, CatalogAccess.ReadOnly, writer: null, time);
        try
        {
            // Fail at open, not at first use, if the reader connection cannot work.
            catalog.GetDataVersion();
            return catalog;
        }
        catch
        {
            catalog.Dispose();
            throw;
        }
    }

    // ---- Sources and sync state -------------------------------------------------------------

    /// <summary>
    /// Returns the source named <paramref name="name"/>, creating it when missing. A non-null
    /// <paramref name="config"/> replaces the stored one; null leaves it as it is.
    /// </summary>
    /// <exception cref="InvalidOperationException">A source with this name exists with another kind.</exception>
    public SourceRecord EnsureSource(string kind, string name, string? config)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        long now = NowMilliseconds();
        return Write((connection, transaction) =>
        {
            SourceRecord? existing = CatalogQueries.FindSource(connection, transaction, name);
            if (existing is not null)
            {
                if (!string.Equals(existing.Kind, kind, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException(
                        $"A source named '{name}' already exists with kind '{existing.Kind}', not '{kind}'. " +
                        "Source names are unique; choose another name.");
                }

                if (config is null || string.Equals(config, existing.Config, StringComparison.Ordinal))
                {
                    return existing;
                }

                using SqliteCommand update = connection.CreateCommand("UPDATE sources SET config = $config WHERE id = $id;", transaction);
                update.Parameters.AddWithValue("$config", config);
                update.Parameters.AddWithValue("$id", existing.Id);
                update.ExecuteNonQuery();
                return existing with { Config = config };
            }

            using SqliteCommand insert = connection.CreateCommand(
                "INSERT INTO sources (kind, name, config, created_at) VALUES ($kind, $name, $config, $now) RETURNING id;",
                transaction);
            insert.Parameters.AddWithValue("$kind", kind);
            insert.Parameters.AddWithValue("$name", name);
            insert.Parameters.AddWithValue("$config", (object?)config ?? DBNull.Value);
            insert.Parameters.AddWithValue("$now", now);
            long id = (long)insert.ExecuteScalar()!;
            return new SourceRecord(id, kind, name, config, UnixTime.FromMillisecondsOrEpoch(now));
        });
    }

    public IReadOnlyList<SourceRecord> GetSources() => Read(connection => CatalogQueries.GetSources(connection, null));

    public SyncState? GetSyncState(long sourceId) => Read(connection => CatalogQueries.GetSyncState(connection, null, sourceId));

    /// <summary>
    /// Stores the sync bookkeeping of one source, replacing what was there. This does not bump
    /// the data version: sync progress does not change what the mounted tree shows.
    /// </summary>
    /// <exception cref="ArgumentException">The source does not exist.</exception>
    public void SaveSyncState(SyncState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        Write(
            (connection, transaction) =>
            {
                using SqliteCommand command = connection.CreateCommand(
                    """
                    INSERT INTO sync_state (source_id, last_started, last_finished, last_success, last_result, last_error, cursor, items_seen)
                    VALUES ($source, $started, $finished, $success, $result, $error, $cursor, $seen)
                    ON CONFLICT (source_id) DO UPDATE SET
                        last_started = excluded.last_started, last_finished = excluded.last_finished,
                        last_success = excluded.last_success, last_result = excluded.last_result,
                        last_error = excluded.last_error, cursor = excluded.cursor, items_seen = excluded.items_seen;
                    """,
                    transaction);
                command.Parameters.AddWithValue("$source", state.SourceId);
                command.Parameters.AddWithValue("$started", (object?)UnixTime.ToMilliseconds(state.LastStarted) ?? DBNull.Value);
                command.Parameters.AddWithValue("$finished", (object?)UnixTime.ToMilliseconds(state.LastFinished) ?? DBNull.Value);
                command.Parameters.AddWithValue("$success", (object?)UnixTime.ToMilliseconds(state.LastSuccess) ?? DBNull.Value);
                command.Parameters.AddWithValue("$result", (object?)state.LastResult ?? DBNull.Value);
                command.Parameters.AddWithValue("$error", (object?)state.LastError ?? DBNull.Value);
                command.Parameters.AddWithValue("$cursor", (object?)state.Cursor ?? DBNull.Value);
                command.Parameters.AddWithValue("$seen", (object?)state.ItemsSeen ?? DBNull.Value);
                ExecuteReferencing(command, $"Source {state.SourceId} does not exist.", nameof(state));
                return 0;
            },
            countsAsDataChange: false);
    }

    // ---- Items ------------------------------------------------------------------------------

    /// <summary>
    /// Inserts new items and updates existing ones, keyed by (SourceId, SourceItemId), in one
    /// transaction; returns the catalog id of each input item, in input order. Source-owned
    /// fields (locator, file name, description, flags) are overwritten; facts (size, hash,
    /// capture time, dimensions, camera, GPS, MIME type) only when the input knows them (see
    /// <see cref="ItemMergeRules"/>). Assigned paths are kept, except that an item filed by a
    /// guessed date whose authoritative date (sidecar, API) arrives for another month loses its
    /// path, to be refiled by <see cref="AssignPaths"/>. Listing an item clears
    /// its missing mark.
    /// </summary>
    /// <exception cref="ArgumentException">An item is invalid or names a source that does not exist; nothing was written.</exception>
    public IReadOnlyList<long> UpsertItems(IReadOnlyList<ItemRecord> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        foreach (ItemRecord item in items)
        {
            ItemUpserter.Validate(item);
        }

        if (items.Count == 0)
        {
            return [];
        }

        long now = NowMilliseconds();
        return Write((connection, transaction) =>
        {
            var ids = new long[items.Count];
            using var upserter = new ItemUpserter(connection, transaction, now);
            for (int i = 0; i < items.Count; i++)
            {
                try
                {
                    ids[i] = upserter.Upsert(items[i]);
                }
                catch (SqliteException ex) when (ex.SqliteExtendedErrorCode == SqliteConstraintForeignKey)
                {
                    throw new ArgumentException(
                        $"Item '{items[i].SourceItemId}' refers to source {items[i].SourceId}, which does not exist; nothing was written.",
                        nameof(items),
                        ex);
                }
            }

            return ids;
        });
    }

    /// <summary>
    /// <see cref="UpsertItems(IReadOnlyList{ItemRecord})"/> for records made as they are stored: all
    /// of them in one transaction (readers see all or none; a failure or a kill leaves none), without
    /// holding them all (SQLite spills a large transaction's pages to the WAL, so its page cache stays
    /// within cache_size). <paramref name="stored"/> is told each record's catalog id, in order.
    /// </summary>
    /// <exception cref="ArgumentException">An item is invalid or names a source that does not exist; nothing was written.</exception>
    public void UpsertItems(IEnumerable<ItemRecord> items, Action<ItemRecord, long> stored)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(stored);
        long now = NowMilliseconds();
        Write((connection, transaction) =>
        {
            using var upserter = new ItemUpserter(connection, transaction, now);
            foreach (ItemRecord item in items)
            {
                ItemUpserter.Validate(item);
                long id;
                try
                {
                    id = upserter.Upsert(item);
                }
                catch (SqliteException ex) when (ex.SqliteExtendedErrorCode == SqliteConstraintForeignKey)
                {
                    throw new ArgumentException(
                        $"Item '{item.SourceItemId}' refers to source {item.SourceId}, which does not exist; nothing was written.",
                        nameof(items),
                        ex);
                }

                stored(item, id);
            }

            return 0;
        });
    }

    public ItemRecord? GetItem(long id) => Read(connection => CatalogQueries.GetItem(connection, null, id));

    /// <summary>The catalog id of a source's item, or null when the catalog does not know it.</summary>
    public long? FindItemId(long sourceId, string sourceItemId)
    {
        ArgumentNullException.ThrowIfNull(sourceItemId);
        return Read(connection => CatalogQueries.FindItemId(connection, null, sourceId, sourceItemId));
    }

    /// <summary>Every item of a source as (SourceItemId, FileName, Locator), missing ones included.</summary>
    public IReadOnlyList<(string SourceItemId, string FileName, string? Locator)> ReadSourceItemKeys(long sourceId) => Read(connection =>
    {
        using SqliteCommand select = connection.CreateCommand("SELECT source_item_id, file_name, locator FROM items WHERE source_id = $source;", null);
        select.Parameters.AddWithValue("$source", sourceId);
        using SqliteDataReader reader = select.ExecuteReader();
        var keys = new List<(string, string, string?)>();
        while (reader.Read())
        {
            keys.Add((reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        }

        return (IReadOnlyList<(string, string, string?)>)keys;
    });

    /// <summary>
    /// Gives a source's items new source item ids (a source whose identity scheme changed), in one
    /// transaction. <paramref name="newId"/> returns null to keep an id. An item whose new id is
    /// already taken keeps its old one (it is then a duplicate the source will mark missing).
    /// </summary>
    /// <returns>How many items were re-keyed.</returns>
    public int RekeySourceItems(long sourceId, Func<string, string?> newId)
    {
        ArgumentNullException.ThrowIfNull(newId);
        return Write((connection, transaction) =>
        {
            var taken = new HashSet<string>(StringComparer.Ordinal);
            var changes = new List<(long Id, string NewId)>();
            using (SqliteCommand select = connection.CreateCommand("SELECT id, source_item_id FROM items WHERE source_id = $source ORDER BY id;", transaction))
            {
                select.Parameters.AddWithValue("$source", sourceId);
                using SqliteDataReader reader = select.ExecuteReader();
                var rows = new List<(long, string)>();
                while (reader.Read())
                {
                    rows.Add((reader.GetInt64(0), reader.GetString(1)));
                    taken.Add(reader.GetString(1));
                }

                foreach (var (id, old) in rows)
                {
                    if (newId(old) is { } replacement && replacement != old && taken.Add(replacement))
                    {
                        changes.Add((id, replacement));
                    }
                }
            }

            using SqliteCommand update = connection.CreateCommand("UPDATE items SET source_item_id = $new WHERE id = $id;", transaction);
            SqliteParameter newParameter = update.Parameters.Add("$new", SqliteType.Text);
            SqliteParameter idParameter = update.Parameters.Add("$id", SqliteType.Integer);
            foreach (var (id, replacement) in changes)
            {
                newParameter.Value = replacement;
                idParameter.Value = id;
                update.ExecuteNonQuery();
            }

            return changes.Count;
        });
    }

    /// <summary>
    /// Records which items a complete listing of <paramref name="sourceId"/> contained: the
    /// source's other items get a missing-since time (kept if already set), and listed items lose
    /// theirs. Items are never deleted, so their assigned names stay reserved should they return.
    /// </summary>
    public MissingItemsChange MarkMissing(long sourceId, IReadOnlyCollection<string> presentSourceItemIds)
    {
        ArgumentNullException.ThrowIfNull(presentSourceItemIds);
        var present = new HashSet<string>(presentSourceItemIds, StringComparer.Ordinal);
        long now = NowMilliseconds();

        return Write((connection, transaction) =>
        {
            var newlyMissing = new List<long>();
            var reappeared = new List<long>();
            using (SqliteCommand select = connection.CreateCommand(
                "SELECT id, source_item_id, missing_since IS NOT NULL FROM items WHERE source_id = $source;", transaction))
            {
                select.Parameters.AddWithValue("$source", sourceId);
                using SqliteDataReader reader = select.ExecuteReader();
                while (reader.Read())
                {
                    bool isPresent = present.Contains(reader.GetString(1));
                    bool wasMissing = reader.GetBoolean(2);
                    if (!isPresent && !wasMissing)
                    {
                        newlyMissing.Add(reader.GetInt64(0));
                    }
                    else if (isPresent && wasMissing)
                    {
                        reappeared.Add(reader.GetInt64(0));
                    }
                }
            }

            using SqliteCommand update = connection.CreateCommand("UPDATE items SET missing_since = $since WHERE id = $id;", transaction);
            SqliteParameter since = update.Parameters.Add("$since", SqliteType.Integer);
            SqliteParameter id = update.Parameters.Add("$id", SqliteType.Integer);
            since.Value = now;
            foreach (long itemId in newlyMissing)
            {
                id.Value = itemId;
                update.ExecuteNonQuery();
            }

            since.Value = DBNull.Value;
            foreach (long itemId in reappeared)
            {
                id.Value = itemId;
                update.ExecuteNonQuery();
            }

            return new MissingItemsChange(newlyMissing.Count, reappeared.Count);
        });
    }

    /// <summary>
    /// Stores what was learned about an item's bytes; null properties of <paramref name="facts"/>
    /// leave stored values alone. A new size different from the stored one drops a stored hash
    /// that <paramref name="facts"/> does not replace. Never changes the assigned path.
    /// </summary>
    /// <returns>Whether anything changed.</returns>
    /// <exception cref="KeyNotFoundException">No item has this id.</exception>
    public bool UpdateItemFacts(long id, ItemFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (facts.CaptureTime is not null && string.IsNullOrEmpty(facts.CaptureTimeSource))
        {
            throw new ArgumentException("A capture time needs a CaptureTimeSource saying where it came from.", nameof(facts));
        }

        if (facts.Size < 0)
        {
            throw new ArgumentException("Size cannot be negative.", nameof(facts));
        }

        long now = NowMilliseconds();
        return Write((connection, transaction) =>
        {
            (string set, string changed) = ItemMergeRules.Render(ItemMergeRules.FactAssignments(c => "$" + c));
            using SqliteCommand command = connection.CreateCommand(
                $"UPDATE items SET {set}, updated_at = $now WHERE id = $id AND ({changed});", transaction);
            AddValue(command, "$mime_type", facts.MimeType);
            AddValue(command, "$capture_time", UnixTime.ToMilliseconds(facts.CaptureTime));
            AddValue(command, "$capture_time_source", facts.CaptureTime is null ? null : facts.CaptureTimeSource);
            AddValue(command, "$size", facts.Size);
            AddValue(command, "$width", facts.Width);
            AddValue(command, "$height", facts.Height);
            AddValue(command, "$camera_make", facts.CameraMake);
            AddValue(command, "$camera_model", facts.CameraModel);
            AddValue(command, "$latitude", facts.Latitude);
            AddValue(command, "$longitude", facts.Longitude);
            AddValue(command, "$altitude", facts.Altitude);
            AddValue(command, "$content_hash", facts.ContentHash);
            AddValue(command, "$now", now);
            AddValue(command, "$id", id);
            if (command.ExecuteNonQuery() > 0)
            {
                return true;
            }

            return CatalogQueries.GetItem(connection, transaction, id) is not null
                ? false
                : throw new KeyNotFoundException($"The catalog has no item with id {id}.");
        });
    }

    // ---- Albums -----------------------------------------------------------------------------

    /// <summary>
    /// Inserts or updates an album keyed by (SourceId, SourceAlbumId); returns its catalog id.
    /// A changed title does not rename the album's assigned folder (names are stable).
    /// </summary>
    /// <exception cref="ArgumentException">The album is invalid or names a source that does not exist.</exception>
    public long UpsertAlbum(AlbumRecord album)
    {
        ArgumentNullException.ThrowIfNull(album);
        if (string.IsNullOrEmpty(album.SourceAlbumId))
        {
            throw new ArgumentException("An album needs a non-empty SourceAlbumId.", nameof(album));
        }

        ArgumentNullException.ThrowIfNull(album.Title, nameof(album));
        long now = NowMilliseconds();
        return Write((connection, transaction) =>
        {
            using SqliteCommand upsert = connection.CreateCommand(
                """
                INSERT INTO albums (source_id, source_album_id, title, description, added_at, updated_at)
                VALUES ($source, $sourceAlbum, $title, $description, $now, $now)
                ON CONFLICT (source_id, source_album_id) DO UPDATE SET
                    title = excluded.title, description = excluded.description, updated_at = excluded.updated_at
                WHERE title IS NOT excluded.title OR description IS NOT excluded.description
                RETURNING id;
                """,
                transaction);
            upsert.Parameters.AddWithValue("$source", album.SourceId);
            upsert.Parameters.AddWithValue("$sourceAlbum", album.SourceAlbumId);
            upsert.Parameters.AddWithValue("$title", album.Title);
            upsert.Parameters.AddWithValue("$description", (object?)album.Description ?? DBNull.Value);
            upsert.Parameters.AddWithValue("$now", now);
            if (ExecuteReferencing(upsert, $"Album '{album.SourceAlbumId}' refers to source {album.SourceId}, which does not exist.", nameof(album)) is long id)
            {
                return id;
            }

            using SqliteCommand find = connection.CreateCommand(
                "SELECT id FROM albums WHERE source_id = $source AND source_album_id = $sourceAlbum;", transaction);
            find.Parameters.AddWithValue("$source", album.SourceId);
            find.Parameters.AddWithValue("$sourceAlbum", album.SourceAlbumId);
            return (long)find.ExecuteScalar()!;
        });
    }

    public AlbumRecord? GetAlbum(long id) => Read(connection => CatalogQueries.GetAlbum(connection, null, id));

    /// <summary>
    /// Every album of <paramref name="sourceId"/> by its source album id: catalog id, title and
    /// member item ids in album order (named or not), for a sync to compare with what the source lists.
    /// </summary>
    public IReadOnlyDictionary<string, AlbumMembers> ReadAlbumMembers(long sourceId) => Read(connection =>
    {
        var result = new Dictionary<string, AlbumMembers>(StringComparer.Ordinal);
        var byId = new Dictionary<long, AlbumMembers>();
        using (SqliteCommand albums = connection.CreateCommand("SELECT id, source_album_id, title FROM albums WHERE source_id = $source;", null))
        {
            albums.Parameters.AddWithValue("$source", sourceId);
            using SqliteDataReader reader = albums.ExecuteReader();
            while (reader.Read())
            {
                var members = new AlbumMembers(reader.GetInt64(0), reader.GetString(2), []);
                result[reader.GetString(1)] = members;
                byId[members.AlbumId] = members;
            }
        }

        using SqliteCommand entries = connection.CreateCommand(
            "SELECT e.album_id, e.item_id FROM album_items e JOIN albums a ON a.id = e.album_id WHERE a.source_id = $source ORDER BY e.album_id, e.position;", null);
        entries.Parameters.AddWithValue("$source", sourceId);
        using SqliteDataReader rows = entries.ExecuteReader();
        while (rows.Read())
        {
            byId[rows.GetInt64(0)].ItemIds.Add(rows.GetInt64(1));
        }

        return (IReadOnlyDictionary<string, AlbumMembers>)result;
    });

    /// <summary>
    /// Hands an item over to another source of the same service (a picked Google item that the
    /// Library API now lists too): one item, whichever source found it first. Its id, names,
    /// sizes and cache file stay.
    /// </summary>
    public void MoveItemToSource(long itemId, long sourceId) => Write((connection, transaction) =>
    {
        using SqliteCommand update = connection.CreateCommand("UPDATE items SET source_id = $source WHERE id = $id;", transaction);
        update.Parameters.AddWithValue("$source", sourceId);
        update.Parameters.AddWithValue("$id", itemId);
        return update.ExecuteNonQuery();
    });

    /// <summary>
    /// Drops the album's assigned folder name so that the next <see cref="AssignPaths"/> names it
    /// from its current title: for an album its owner renamed (the one rename the tree follows).
    /// </summary>
    public void ForgetAlbumFolder(long albumId) => Write((connection, transaction) =>
    {
        using SqliteCommand update = connection.CreateCommand("UPDATE albums SET dir_name = NULL, dir_key = NULL WHERE id = $id;", transaction);
        update.Parameters.AddWithValue("$id", albumId);
        return update.ExecuteNonQuery();
    });

    /// <summary>
    /// Makes the album hold exactly <paramref name="itemIdsInOrder"/>, in that order (a repeated
    /// id counts once, at its first position). Entries that remain keep their assigned names;
    /// entries no longer listed are removed; new ones are added unnamed until
    /// <see cref="AssignPaths"/>.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No album has this id.</exception>
    /// <exception cref="ArgumentException">An item id does not exist; nothing was written.</exception>
    public void SetAlbumItems(long albumId, IReadOnlyList<long> itemIdsInOrder)
    {
        ArgumentNullException.ThrowIfNull(itemIdsInOrder);
        var desired = new List<long>(itemIdsInOrder.Count);
        var desiredSet = new HashSet<long>(itemIdsInOrder.Count);
        foreach (long itemId in itemIdsInOrder)
        {
            if (desiredSet.Add(itemId))
            {
                desired.Add(itemId);
            }
        }

        Write((connection, transaction) =>
        {
            if (CatalogQueries.GetAlbum(connection, transaction, albumId) is null)
            {
                throw new KeyNotFoundException($"The catalog has no album with id {albumId}.");
            }

            var existingPositions = new Dictionary<long, long>();
            using (SqliteCommand select = connection.CreateCommand(
                "SELECT item_id, position FROM album_items WHERE album_id = $album;", transaction))
            {
                select.Parameters.AddWithValue("$album", albumId);
                using SqliteDataReader reader = select.ExecuteReader();
                while (reader.Read())
                {
                    existingPositions.Add(reader.GetInt64(0), reader.GetInt64(1));
                }
            }

            using SqliteCommand delete = connection.CreateCommand(
                "DELETE FROM album_items WHERE album_id = $album AND item_id = $item;", transaction);
            using SqliteCommand move = connection.CreateCommand(
                "UPDATE album_items SET position = $position WHERE album_id = $album AND item_id = $item;", transaction);
            using SqliteCommand insert = connection.CreateCommand(
                "INSERT INTO album_items (album_id, item_id, position) VALUES ($album, $item, $position);", transaction);
            delete.Parameters.AddWithValue("$album", albumId);
            move.Parameters.AddWithValue("$album", albumId);
            insert.Parameters.AddWithValue("$album", albumId);
            SqliteParameter deleteItem = delete.Parameters.Add("$item", SqliteType.Integer);
            SqliteParameter moveItem = move.Parameters.Add("$item", SqliteType.Integer);
            SqliteParameter movePosition = move.Parameters.Add("$position", SqliteType.Integer);
            SqliteParameter insertItem = insert.Parameters.Add("$item", SqliteType.Integer);
            SqliteParameter insertPosition = insert.Parameters.Add("$position", SqliteType.Integer);

            foreach (long gone in existingPositions.Keys.Where(itemId => !desiredSet.Contains(itemId)))
            {
                deleteItem.Value = gone;
                delete.ExecuteNonQuery();
            }

            for (int position = 0; position < desired.Count; position++)
            {
                long itemId = desired[position];
                if (existingPositions.TryGetValue(itemId, out long oldPosition))
                {
                    if (oldPosition != position)
                    {
                        moveItem.Value = itemId;
                        movePosition.Value = position;
                        move.ExecuteNonQuery();
                    }
                }
                else
                {
                    insertItem.Value = itemId;
                    insertPosition.Value = position;
                    ExecuteReferencing(insert, $"Item {itemId} does not exist; the album was not changed.", nameof(itemIdsInOrder));
                }
            }

            return 0;
        });
    }

    // ---- Naming -----------------------------------------------------------------------------

    /// <summary>
    /// In one transaction, gives every item without a path its folder ("photos/YYYY/MM" in UTC,
    /// or "photos/undated") and a unique name, every album without a folder a unique folder name,
    /// and every album entry without a name a name unique within its album. Names once assigned
    /// never change. See <see cref="NameSanitizer"/> for the naming rules.
    /// </summary>
    /// <returns>How many names were assigned.</returns>
    public int AssignPaths() => Write((connection, transaction) => new PathAssigner(connection, transaction).AssignAll());

    // ---- Reading the tree -------------------------------------------------------------------

    /// <summary>The change counter: it grows with every committed change of catalog contents.</summary>
    public long GetDataVersion() => Read(connection => CatalogQueries.GetDataVersion(connection, null));

    /// <summary>
    /// Streams the items that have an assigned path, folder by folder. Each call reads its own
    /// snapshot; use <see cref="OpenSnapshot"/> to read items, albums and entries consistently.
    /// </summary>
    public IEnumerable<TreeItemRow> ReadTreeItems() => Stream(CatalogQueries.ReadTreeItems);

    /// <summary>Which source each item with an assigned path came from (item id to source id), in one query: for per-source counts over a whole library.</summary>
    public IReadOnlyDictionary<long, long> ReadItemSourceIds() => Read(CatalogQueries.ReadItemSourceIds);

    /// <summary>Streams the albums that have an assigned folder name.</summary>
    public IEnumerable<TreeAlbumRow> ReadTreeAlbums() => Stream(CatalogQueries.ReadTreeAlbums);

    /// <summary>Streams the named album entries, album by album, in album order.</summary>
    public IEnumerable<TreeAlbumEntryRow> ReadTreeAlbumEntries() => Stream(CatalogQueries.ReadTreeAlbumEntries);

    /// <summary>Opens a consistent read-only view for building the whole tree at once.</summary>
    public CatalogSnapshot OpenSnapshot()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            // The snapshot owns the connection from here on, including when its constructor fails.
            return new CatalogSnapshot(CatalogConnections.OpenReader(_readerConnectionString));
        }
        catch (SqliteException ex) when (CatalogErrors.FromSqlite(Path, ex) is { } translated)
        {
            throw translated;
        }
    }

    // ---- Lifetime ---------------------------------------------------------------------------

    /// <summary>
    /// Closes every connection, so no file handle outlives the catalog and, when no other
    /// process has it open, SQLite checkpoints and removes the '-wal' file.
    /// </summary>
    public void Dispose()
    {
        lock (_writeLock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;

            // Readers first: the writer only checkpoints and removes the WAL when it closes as
            // the last connection. A reader still in use closes when returned to the cleared pool.
            using (var pooled = new SqliteConnection(_readerConnectionString))
            {
                SqliteConnection.ClearPool(pooled);
            }

            if (_writer is not null)
            {
                try
                {
                    // Keeps the query planner's statistics fresh over years of unattended use.
                    _writer.Execute("PRAGMA optimize;");
                }
                catch (SqliteException)
                {
                    // Only an optimization; a busy or failing catalog must still close cleanly.
                }

                _writer.Dispose();
            }
        }
    }

    // ---- Plumbing ---------------------------------------------------------------------------

    /// <summary>
    /// Runs <paramref name="work"/> in one write transaction (BEGIN IMMEDIATE, so it never fails
    /// half-way over a lock upgrade), bumping data_version when it changed any row.
    /// </summary>
    private T Write<T>(Func<SqliteConnection, SqliteTransaction, T> work, bool countsAsDataChange = true)
    {
        if (_writer is null)
        {
            throw new InvalidOperationException($"The catalog '{Path}' was opened read-only.");
        }

        lock (_writeLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                using SqliteTransaction transaction = _writer.BeginTransaction(deferred: false);
                long changesBefore = TotalChanges(transaction);
                T result = work(_writer, transaction);
                if (countsAsDataChange && TotalChanges(transaction) != changesBefore)
                {
                    CatalogMeta.IncrementDataVersion(_writer, transaction);
                }

                transaction.Commit();
                return result;
            }
            catch (SqliteException ex) when (CatalogErrors.FromSqlite(Path, ex) is { } translated)
            {
                throw translated;
            }
        }
    }

    private long TotalChanges(SqliteTransaction transaction) => _writer!.ScalarInt64("SELECT total_changes();", transaction);

    private T Read<T>(Func<SqliteConnection, T> work)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            using SqliteConnection connection = CatalogConnections.OpenReader(_readerConnectionString);
            return work(connection);
        }
        catch (SqliteException ex) when (CatalogErrors.FromSqlite(Path, ex) is { } translated)
        {
            throw translated;
        }
    }

    private IEnumerable<T> Stream<T>(Func<SqliteConnection, SqliteTransaction?, IEnumerable<T>> query)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        using SqliteConnection connection = CatalogConnections.OpenReader(_readerConnectionString);
        foreach (T row in query(connection, null))
        {
            yield return row;
        }
    }

    /// <summary>Runs a statement that may violate a foreign key, reporting that as a bad argument.</summary>
    private static object? ExecuteReferencing(SqliteCommand command, string message, string parameterName)
    {
        try
        {
            return command.ExecuteScalar();
        }
        catch (SqliteException ex) when (ex.SqliteExtendedErrorCode == SqliteConstraintForeignKey)
        {
            throw new ArgumentException(message, parameterName, ex);
        }
    }

    private static void AddValue(SqliteCommand command, string name, object? value) =>
        command.Parameters.AddWithValue(name, value ?? DBNull.Value);

    private long NowMilliseconds() => _time.GetUtcNow().ToUnixTimeMilliseconds();
}
