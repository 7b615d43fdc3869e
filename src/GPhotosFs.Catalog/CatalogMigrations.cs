using Microsoft.Data.Sqlite;

namespace GPhotosFs.Catalog;

/// <summary>
/// The catalog schema as an ordered list of forward migration steps: step i (0-based) turns a
/// schema-i catalog into a schema-(i+1) one, and <c>PRAGMA user_version</c> records how many
/// steps a file has had. Steps are append-only: never edit a released step, add a new one.
/// </summary>
/// <remarks>
/// Pending steps run in one transaction, so a failed upgrade leaves the old schema intact.
/// SQLite ignores <c>PRAGMA foreign_keys</c> inside a transaction, so a step that rebuilds a
/// table must follow https://sqlite.org/lang_altertable.html#otheralter with
/// <c>PRAGMA defer_foreign_keys = ON</c>; <see cref="ApplyPending"/> runs
/// <c>PRAGMA foreign_key_check</c> before committing to catch a step that broke references.
/// </remarks>
internal sealed class CatalogMigrations
{
    /// <summary>'GPFS' in ASCII: marks an SQLite file as a GPhotosFs catalog.</summary>
    public const int ApplicationId = 0x47504653;

    private const string Version1 = """
        -- Small key/value facts about the catalog itself; see CatalogMeta.
        CREATE TABLE meta (
            key   TEXT PRIMARY KEY,
            value TEXT
        );
        INSERT INTO meta (key, value) VALUES ('data_version', '0');

        -- Where items come from: the Google Photos API, a Takeout archive, a local folder...
        CREATE TABLE sources (
            id         INTEGER PRIMARY KEY,
            kind       TEXT NOT NULL,
            name       TEXT NOT NULL UNIQUE,
            config     TEXT,
            created_at INTEGER NOT NULL
        );

        -- Bookkeeping of the last sync run of each source. Times are Unix milliseconds UTC.
        CREATE TABLE sync_state (
            source_id     INTEGER PRIMARY KEY REFERENCES sources (id) ON DELETE CASCADE,
            last_started  INTEGER,
            last_finished INTEGER,
            last_success  INTEGER,
            last_result   TEXT,
            last_error    TEXT,
            cursor        TEXT,
            items_seen    INTEGER
        );

        -- One row per photo or video. dir_path/name/name_key are assigned once and never change,
        -- so the mounted tree stays stable for rsync and snapshots.
        CREATE TABLE items (
            id                  INTEGER PRIMARY KEY,
            source_id           INTEGER NOT NULL REFERENCES sources (id),
            source_item_id      TEXT NOT NULL,
            locator             TEXT,
            file_name           TEXT NOT NULL,
            mime_type           TEXT,
            capture_time        INTEGER,
            capture_time_source TEXT,
            size                INTEGER,
            width               INTEGER,
            height              INTEGER,
            camera_make         TEXT,
            camera_model        TEXT,
            latitude            REAL,
            longitude           REAL,
            altitude            REAL,
            description         TEXT,
            favorite            INTEGER NOT NULL DEFAULT 0,
            archived            INTEGER NOT NULL DEFAULT 0,
            trashed             INTEGER NOT NULL DEFAULT 0,
            content_hash        TEXT,
            dir_path            TEXT,
            name                TEXT,
            name_key            TEXT,
            missing_since       INTEGER,
            added_at            INTEGER NOT NULL,
            updated_at          INTEGER NOT NULL,
            UNIQUE (source_id, source_item_id),
            UNIQUE (dir_path, name_key),
            CHECK ((dir_path IS NULL) = (name IS NULL) AND (name IS NULL) = (name_key IS NULL))
        );
        -- Finds the items still waiting for a path, in assignment order, without a table scan.
        CREATE INDEX items_unassigned ON items (capture_time, id) WHERE name IS NULL;

        CREATE TABLE albums (
            id              INTEGER PRIMARY KEY,
            source_id       INTEGER NOT NULL REFERENCES sources (id),
            source_album_id TEXT NOT NULL,
            title           TEXT NOT NULL,
            description     TEXT,
            dir_name        TEXT,
            dir_key         TEXT UNIQUE,
            added_at        INTEGER NOT NULL,
            updated_at      INTEGER NOT NULL,
            UNIQUE (source_id, source_album_id),
            CHECK ((dir_name IS NULL) = (dir_key IS NULL))
        );

        CREATE TABLE album_items (
            album_id INTEGER NOT NULL REFERENCES albums (id) ON DELETE CASCADE,
            item_id  INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            name     TEXT,
            name_key TEXT,
            PRIMARY KEY (album_id, item_id),
            UNIQUE (album_id, name_key),
            CHECK ((name IS NULL) = (name_key IS NULL))
        ) WITHOUT ROWID;
        -- Serves the foreign key from items and "which albums hold this item".
        CREATE INDEX album_items_by_item ON album_items (item_id);
        """;

    /// <summary>
    /// Run history: one row per sync, prefetch, Takeout add and mount (kept a year), and samples of
    /// the library's size, cache and quota use over time, for `status --history` and the status page.
    /// Not items: writing them never bumps data_version. No foreign key to sources: a removed
    /// source's runs stay in the history under the name it had.
    /// </summary>
    private const string Version2RunHistory = """
        CREATE TABLE runs (
            id           INTEGER PRIMARY KEY,
            kind         TEXT NOT NULL,           -- sync, prefetch, takeout_add, mount
            source_name  TEXT,                    -- the source a sync ran for; null for library-wide runs
            started_at   INTEGER NOT NULL,        -- Unix milliseconds UTC
            finished_at  INTEGER,                 -- null while running (or if the process died)
            result       TEXT NOT NULL,           -- running, ok, failed
            items_added  INTEGER NOT NULL DEFAULT 0,
            bytes_added  INTEGER NOT NULL DEFAULT 0,
            errors       INTEGER NOT NULL DEFAULT 0,
            error        TEXT,                    -- the last error, naming the item or file
            pid          INTEGER
        );
        CREATE INDEX runs_by_start ON runs (started_at);

        CREATE TABLE library_samples (
            at            INTEGER PRIMARY KEY,     -- Unix milliseconds UTC
            library_items INTEGER NOT NULL,
            library_bytes INTEGER NOT NULL,
            cache_files   INTEGER NOT NULL,
            cache_bytes   INTEGER NOT NULL
        );

        -- Requests used per source, quota and quota day: the highest count seen that day.
        CREATE TABLE quota_days (
            day         TEXT NOT NULL,
            source_name TEXT NOT NULL,
            quota       TEXT NOT NULL,
            used        INTEGER NOT NULL,
            quota_limit INTEGER,
            PRIMARY KEY (day, source_name, quota)
        ) WITHOUT ROWID;
        """;

    public CatalogMigrations(IReadOnlyList<string> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        if (steps.Count == 0)
        {
            throw new ArgumentException("At least one migration step is required.", nameof(steps));
        }

        Steps = steps;
    }

    /// <summary>The migrations of this build.</summary>
    public static CatalogMigrations Current { get; } = new([Version1, Version2RunHistory]);

    public IReadOnlyList<string> Steps { get; }

    /// <summary>The schema version a fully migrated catalog has.</summary>
    public int LatestVersion => Steps.Count;

    /// <summary>
    /// Brings the catalog behind <paramref name="writer"/> to <see cref="LatestVersion"/> in one
    /// transaction. The version is re-read inside the transaction because another process may
    /// have migrated the file since it was inspected.
    /// </summary>
    /// <returns>The version the file had before.</returns>
    public int ApplyPending(SqliteConnection writer, string catalogPath)
    {
        using SqliteTransaction transaction = writer.BeginTransaction(deferred: false);
        int fileVersion = (int)writer.ScalarInt64("PRAGMA user_version;", transaction);
        if (fileVersion > LatestVersion)
        {
            throw CatalogErrors.NewerSchema(catalogPath, fileVersion, LatestVersion);
        }

        if (fileVersion == LatestVersion)
        {
            return fileVersion;
        }

        try
        {
            for (int version = fileVersion; version < LatestVersion; version++)
            {
                writer.Execute(Steps[version], transaction);
            }

            using SqliteCommand check = writer.CreateCommand("PRAGMA foreign_key_check;", transaction);
            using SqliteDataReader violations = check.ExecuteReader();
            if (violations.Read())
            {
                throw new InvalidOperationException($"the new schema leaves a dangling reference in table '{violations.GetString(0)}'");
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException
            || (ex is SqliteException sqlite && CatalogErrors.FromSqlite(catalogPath, sqlite) is null))
        {
            // A step that does not fit the file is a bug in this build, not damage to the file;
            // disposing the transaction rolls everything back.
            throw CatalogErrors.UpgradeFailed(catalogPath, fileVersion, LatestVersion, ex);
        }

        // Both pragmas write the database header, which is part of the transaction.
        writer.Execute($"PRAGMA application_id = {ApplicationId}; PRAGMA user_version = {LatestVersion};", transaction);
        transaction.Commit();
        return fileVersion;
    }
}
