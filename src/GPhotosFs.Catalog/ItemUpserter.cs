using Microsoft.Data.Sqlite;

namespace GPhotosFs.Catalog;

/// <summary>
/// Inserts or updates items keyed by (source, source item id) with one prepared statement, so a
/// whole listing of 100,000 items goes in a single transaction in a fraction of a second.
/// Leaves the assigned path alone, except that an item filed by a guessed capture time is freed
/// for refiling when the listing brings an authoritative one for another month
/// (<see cref="ItemMergeRules.PathAssignments"/>).
/// </summary>
internal sealed class ItemUpserter : IDisposable
{
    private static readonly string[] InsertedColumns =
    [
        "source_id", "source_item_id", "locator", "file_name", "mime_type", "capture_time",
        "capture_time_source", "size", "width", "height", "camera_make", "camera_model",
        "latitude", "longitude", "altitude", "description", "favorite", "archived", "trashed",
        "content_hash", "added_at", "updated_at",
    ];

    private static readonly string UpsertSql = BuildUpsertSql();

    private readonly SqliteCommand _upsert;
    private readonly SqliteCommand _findId;
    private readonly Dictionary<string, SqliteParameter> _parameters = new(StringComparer.Ordinal);
    private readonly SqliteParameter _findSource;
    private readonly SqliteParameter _findSourceItem;

    public ItemUpserter(SqliteConnection connection, SqliteTransaction transaction, long nowMilliseconds)
    {
        _upsert = connection.CreateCommand(UpsertSql, transaction);
        foreach (string column in InsertedColumns)
        {
            // Untyped: each value binds with its own type (integer, real, text or NULL), matching
            // the column so the change check below compares like with like.
            SqliteParameter parameter = _upsert.CreateParameter();
            parameter.ParameterName = "$" + column;
            _parameters[column] = _upsert.Parameters.Add(parameter);
        }

        _parameters["added_at"].Value = nowMilliseconds;
        _parameters["updated_at"].Value = nowMilliseconds;
        _upsert.Prepare();

        _findId = connection.CreateCommand(
            "SELECT id FROM items WHERE source_id = $source AND source_item_id = $sourceItem;", transaction);
        _findSource = _findId.Parameters.Add("$source", SqliteType.Integer);
        _findSourceItem = _findId.Parameters.Add("$sourceItem", SqliteType.Text);
        _findId.Prepare();
    }

    /// <summary>Writes one item, already checked with <see cref="Validate"/>, and returns its catalog id.</summary>
    public long Upsert(ItemRecord item)
    {
        Set("source_id", item.SourceId);
        Set("source_item_id", item.SourceItemId);
        Set("locator", item.Locator);
        Set("file_name", item.FileName);
        Set("mime_type", item.MimeType);
        Set("capture_time", UnixTime.ToMilliseconds(item.CaptureTime));
        Set("capture_time_source", item.CaptureTime is null ? null : item.CaptureTimeSource);
        Set("size", item.Size);
        Set("width", item.Width);
        Set("height", item.Height);
        Set("camera_make", item.CameraMake);
        Set("camera_model", item.CameraModel);
        Set("latitude", item.Latitude);
        Set("longitude", item.Longitude);
        Set("altitude", item.Altitude);
        Set("description", item.Description);
        Set("favorite", item.IsFavorite ? 1 : 0);
        Set("archived", item.IsArchived ? 1 : 0);
        Set("trashed", item.IsTrashed ? 1 : 0);
        Set("content_hash", item.ContentHash);

        // RETURNING yields no row when the item exists and nothing changed (the upsert's WHERE
        // skipped the update); then look the id up instead.
        object? id = _upsert.ExecuteScalar();
        if (id is long inserted)
        {
            return inserted;
        }

        _findSource.Value = item.SourceId;
        _findSourceItem.Value = item.SourceItemId;
        return (long)_findId.ExecuteScalar()!;
    }

    public void Dispose()
    {
        _upsert.Dispose();
        _findId.Dispose();
    }

    /// <summary>Rejects an item the catalog cannot store; callers check a whole batch before writing any.</summary>
    public static void Validate(ItemRecord item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.SourceId <= 0)
        {
            throw new ArgumentException($"Item '{item.SourceItemId}' has no source id.", nameof(item));
        }

        if (string.IsNullOrEmpty(item.SourceItemId))
        {
            throw new ArgumentException("An item needs a non-empty SourceItemId.", nameof(item));
        }

        if (item.FileName is null)
        {
            throw new ArgumentException($"Item '{item.SourceItemId}' has no file name.", nameof(item));
        }

        if (item.Size < 0)
        {
            throw new ArgumentException($"Item '{item.SourceItemId}' has a negative size.", nameof(item));
        }
    }

    private void Set(string column, object? value) => _parameters[column].Set(value);

    private static string BuildUpsertSql()
    {
        IEnumerable<(string Column, string Expression)> sourceOwned =
            ItemMergeRules.SourceOwnedColumns.Select(c => (c, "excluded." + c));
        IEnumerable<(string Column, string Expression)> facts = ItemMergeRules.FactAssignments(c => "excluded." + c, keepAuthoritativeCaptureTime: true);

        // Being listed again means the item is back, if it had gone missing.
        (string Column, string Expression)[] presence = [("missing_since", "NULL")];

        // SQLite evaluates every SET expression against the old row, so the path condition sees
        // the stored capture time origin, not the incoming one.
        IEnumerable<(string Column, string Expression)> path = ItemMergeRules.PathAssignments(c => "excluded." + c);

        (string set, string changed) = ItemMergeRules.Render(path.Concat(sourceOwned).Concat(facts).Concat(presence));
        return $"""
            INSERT INTO items ({string.Join(", ", InsertedColumns)})
            VALUES ({string.Join(", ", InsertedColumns.Select(c => "$" + c))})
            ON CONFLICT (source_id, source_item_id) DO UPDATE SET
                {set},
                updated_at = excluded.updated_at
            WHERE {changed}
            RETURNING id;
            """;
    }
}
