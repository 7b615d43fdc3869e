namespace GPhotosFs.Catalog;

/// <summary>
/// How incoming item data merges into a stored row, as SQL. Two kinds of columns:
/// <list type="bullet">
/// <item>Source-owned (locator, file name, description, flags): the source is the authority, so
/// its latest listing overwrites them, including with null.</item>
/// <item>Facts (size, hash, capture time, dimensions, camera, GPS, MIME type): may be learned
/// later from the bytes, and listings often omit them, so an unknown (null) incoming value keeps
/// what is stored. Related columns move together (a capture time with its origin, a GPS fix as a
/// whole) so a row never mixes two sources' answers.</item>
/// </list>
/// The stored hash is dropped when a new, different size proves the bytes changed.
/// </summary>
internal static class ItemMergeRules
{
    public static readonly string[] SourceOwnedColumns =
        ["locator", "file_name", "description", "favorite", "archived", "trashed"];

    public static readonly string[] FactColumns =
    [
        "mime_type", "capture_time", "capture_time_source", "size", "width", "height",
        "camera_make", "camera_model", "latitude", "longitude", "altitude", "content_hash",
    ];

    /// <summary>
    /// SET assignments merging facts; <paramref name="incoming"/> maps a column name to the SQL
    /// for its new value ("excluded.size" in an upsert, "$size" in an update). Unqualified
    /// column names refer to the stored row, as SQLite evaluates every SET against the old row.
    /// </summary>
    /// <param name="keepAuthoritativeCaptureTime">For listings: a guessed capture time (EXIF, file
    /// name, entry time) never replaces an authoritative one (sidecar, API), so an export whose
    /// copy lacks the sidecar cannot undo what another export's sidecar said. Facts learned from
    /// the bytes are the caller's policy (<c>UpdateItemFacts</c>).</param>
    public static IReadOnlyList<(string Column, string Expression)> FactAssignments(Func<string, string> incoming, bool keepAuthoritativeCaptureTime = false)
    {
        string Keep(string column) => $"COALESCE({incoming(column)}, {column})";
        string When(string condition, string column) => $"CASE WHEN {condition} THEN {incoming(column)} ELSE {column} END";
        string authoritative = AuthoritativeList();
        string hasCaptureTime = $"{incoming("capture_time")} IS NOT NULL" + (keepAuthoritativeCaptureTime
            ? $" AND ({incoming("capture_time_source")} IN ({authoritative}) OR capture_time_source IS NULL OR capture_time_source NOT IN ({authoritative}))"
            : "");
        string hasDimensions = $"{incoming("width")} IS NOT NULL AND {incoming("height")} IS NOT NULL";
        string hasPosition = $"{incoming("latitude")} IS NOT NULL AND {incoming("longitude")} IS NOT NULL";

        return
        [
            ("mime_type", Keep("mime_type")),
            ("capture_time", When(hasCaptureTime, "capture_time")),
            ("capture_time_source", When(hasCaptureTime, "capture_time_source")),
            ("size", Keep("size")),
            ("width", When(hasDimensions, "width")),
            ("height", When(hasDimensions, "height")),
            ("camera_make", Keep("camera_make")),
            ("camera_model", Keep("camera_model")),
            ("latitude", When(hasPosition, "latitude")),
            ("longitude", When(hasPosition, "longitude")),
            ("altitude", When(hasPosition, "altitude")),
            ("content_hash",
                $"CASE WHEN {incoming("content_hash")} IS NOT NULL THEN {incoming("content_hash")} " +
                $"WHEN {incoming("size")} IS NOT NULL AND {incoming("size")} IS NOT size THEN NULL " +
                "ELSE content_hash END"),
        ];
    }

    /// <summary>
    /// Capture time origins that state when the item was taken (Takeout's sidecar
    /// photoTakenTime, the Library API's creationTime), as opposed to ones guessed from the bytes,
    /// the file name or an archive entry time.
    /// </summary>
    public static readonly string[] AuthoritativeCaptureTimeSources = ["sidecar", "api"];

    /// <summary>
    /// SET assignments that free an item's path so <see cref="PathAssigner"/> files it again:
    /// only when a listing brings an authoritative capture time for an item whose path came from a
    /// weaker one (or none), and that time belongs in another month folder. A name is otherwise
    /// never changed, and never because of what a read learned (reads go through
    /// <c>UpdateItemFacts</c>, which does not use these).
    /// </summary>
    public static IReadOnlyList<(string Column, string Expression)> PathAssignments(Func<string, string> incoming)
    {
        string authoritative = AuthoritativeList();
        string refile =
            $"{incoming("capture_time")} IS NOT NULL AND {incoming("capture_time_source")} IN ({authoritative}) " +
            $"AND (capture_time_source IS NULL OR capture_time_source NOT IN ({authoritative})) " +
            $"AND dir_path IS NOT ({CatalogLayout.ItemFolderSql(incoming("capture_time"))})";
        string Clear(string column) => $"CASE WHEN {refile} THEN NULL ELSE {column} END";
        return [("dir_path", Clear("dir_path")), ("name", Clear("name")), ("name_key", Clear("name_key"))];
    }

    private static string AuthoritativeList() => string.Join(", ", AuthoritativeCaptureTimeSources.Select(s => $"'{s}'"));

    /// <summary>
    /// "SET a = x, b = y" plus a WHERE condition that holds only when some value would change,
    /// so a re-sync of an unchanged library writes nothing and leaves data_version alone.
    /// </summary>
    public static (string SetClause, string ChangedCondition) Render(IEnumerable<(string Column, string Expression)> assignments)
    {
        var list = assignments.ToList();
        string set = string.Join(",\n    ", list.Select(a => $"{a.Column} = {a.Expression}"));
        string changed = string.Join("\n    OR ", list.Select(a => $"{a.Column} IS NOT ({a.Expression})"));
        return (set, changed);
    }
}
