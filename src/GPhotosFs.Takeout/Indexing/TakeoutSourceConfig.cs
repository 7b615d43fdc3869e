using System.Text.Json;
using System.Text.Json.Serialization;

namespace GPhotosFs.Takeout.Indexing;

/// <summary>
/// The Takeout source's state, kept as JSON in the catalog's source config (no schema change):
/// the parts it has indexed (the content source reads it to find each part on disk), and folders of
/// damaged exports that may turn out to be albums.
/// </summary>
public sealed record TakeoutSourceConfig
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The item identity scheme the catalog's items use: 2 = by content (CRC-32 and size); 0 = older, by CRC-32, size and name (re-keyed once).</summary>
    public const int ContentIdentities = 2;

    public List<TakeoutPartRecord> Parts { get; init; } = [];

    public int Identities { get; init; }

    /// <summary>Folders of damaged exports that may be albums whose metadata the damage took (null: none).</summary>
    public List<UnconfirmedAlbumFolder>? UnconfirmedAlbumFolders { get; init; }

    public static TakeoutSourceConfig Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return new TakeoutSourceConfig { Identities = ContentIdentities };
        }

        try
        {
            return JsonSerializer.Deserialize<TakeoutSourceConfig>(json, JsonOptions) ?? new TakeoutSourceConfig();
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"the Takeout source's configuration in the catalog is damaged: {ex.Message}", ex);
        }
    }

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);
}
