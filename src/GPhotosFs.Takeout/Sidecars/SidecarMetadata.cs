using System.Globalization;
using System.Text.Json;

namespace GPhotosFs.Takeout.Sidecars;

/// <summary>
/// What a Takeout sidecar says about one item. Fields are undocumented (community-derived,
/// REFERENCE section 1): timestamps are epoch seconds as strings ("0" = unknown), a 0/0 position
/// means none, flags are absent when false.
/// </summary>
public sealed record SidecarMetadata
{
    public string? Title { get; init; }

    public string? Description { get; init; }

    public DateTimeOffset? PhotoTakenTime { get; init; }

    public DateTimeOffset? CreationTime { get; init; }

    public double? Latitude { get; init; }

    public double? Longitude { get; init; }

    public double? Altitude { get; init; }

    public IReadOnlyList<string> People { get; init; } = [];

    public bool Favorited { get; init; }

    public bool Archived { get; init; }

    public bool Trashed { get; init; }

    /// <exception cref="JsonException">Not JSON, or not an object.</exception>
    public static SidecarMetadata Parse(ReadOnlySpan<byte> json) => Parse(json, catalogFactsOnly: false);

    /// <param name="catalogFactsOnly">
    /// Leaves out what the catalog does not keep (title, creation time, people): an index run holds a
    /// sidecar per item until its export is matched, and the title alone is a copy of every file name.
    /// </param>
    /// <exception cref="JsonException">Not JSON, or not an object.</exception>
    public static SidecarMetadata Parse(ReadOnlySpan<byte> json, bool catalogFactsOnly)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("a sidecar must hold a JSON object");
        }

        var (latitude, longitude, altitude) = Position(root, "geoDataExif") ?? Position(root, "geoData") ?? (null, null, null);
        return new SidecarMetadata
        {
            Title = catalogFactsOnly ? null : Text(root, "title"),
            Description = Text(root, "description"),
            PhotoTakenTime = Timestamp(root, "photoTakenTime"),
            CreationTime = catalogFactsOnly ? null : Timestamp(root, "creationTime"),
            Latitude = latitude,
            Longitude = longitude,
            Altitude = altitude,
            People = !catalogFactsOnly && root.TryGetProperty("people", out var people) && people.ValueKind == JsonValueKind.Array
                ? people.EnumerateArray().Select(p => p.ValueKind == JsonValueKind.Object ? Text(p, "name") : null).OfType<string>().ToList()
                : [],
            Favorited = Flag(root, "favorited"),
            Archived = Flag(root, "archived"),
            Trashed = Flag(root, "trashed"),
        };
    }

    internal static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    private static bool Flag(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && (value.ValueKind == JsonValueKind.True || (value.ValueKind == JsonValueKind.String && value.GetString() == "true"));

    internal static DateTimeOffset? Timestamp(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Object || !value.TryGetProperty("timestamp", out var stamp))
        {
            return null;
        }

        long seconds;
        if (stamp.ValueKind == JsonValueKind.String)
        {
            if (!long.TryParse(stamp.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out seconds))
            {
                return null;
            }
        }
        else if (stamp.ValueKind != JsonValueKind.Number || !stamp.TryGetInt64(out seconds))
        {
            return null;
        }

        // "0" means unknown; negative is before 1970 (old scans); anything outside what DateTimeOffset holds is damage.
        return seconds is 0 or < -62135596800 or > 253402300799 ? null : DateTimeOffset.FromUnixTimeSeconds(seconds);
    }

    private static (double?, double?, double?)? Position(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var geo) || geo.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var latitude = Number(geo, "latitude");
        var longitude = Number(geo, "longitude");
        if (latitude is null || longitude is null || (latitude == 0 && longitude == 0)
            || latitude is < -90 or > 90 || longitude is < -180 or > 180)
        {
            return null;
        }

        return (latitude, longitude, Number(geo, "altitude"));
    }

    private static double? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number) ? number : null;
}
