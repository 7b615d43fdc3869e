using System.Text.Json;
using System.Text.Json.Serialization;

namespace GPhotosFs.Web;

/// <summary>
/// What the web source remembers between runs besides the catalog, in <c>state/web-SOURCEID.json</c>
/// (written whole and renamed): when the last full walk was, which web items are items another
/// source already has (web id → catalog id), which are videos still being processed, and which
/// failed to download (retried first next time, since an incremental walk stops above them).
/// </summary>
public sealed class WebState
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    [JsonPropertyName("last_full_walk")]
    public DateTimeOffset? LastFullWalk { get; set; }

    [JsonPropertyName("linked")]
    public Dictionary<string, long> Linked { get; set; } = new(StringComparer.Ordinal);

    [JsonPropertyName("processing")]
    public HashSet<string> Processing { get; set; } = new(StringComparer.Ordinal);

    [JsonPropertyName("pending")]
    public Dictionary<string, string> Pending { get; set; } = new(StringComparer.Ordinal);

    public static string PathFor(string stateFolder, long sourceId) => Path.Combine(stateFolder, $"web-{sourceId}.json");

    public static WebState Load(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<WebState>(File.ReadAllText(path), Json) ?? new WebState() : new WebState();
        }
        catch (JsonException)
        {
            return new WebState(); // a damaged file costs one full walk; the catalog keeps every item
        }
    }

    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(this, Json));
        File.Move(temp, path, overwrite: true);
    }
}
