using System.Text.Json;
using System.Text.Json.Serialization;

namespace GPhotosFs.Takeout.Indexing;

/// <summary>
/// The Takeout source's state, kept as JSON in the catalog's source config (no schema change):
/// the parts it has indexed. The content source reads it to find each part on disk.
/// </summary>
public sealed record TakeoutSourceConfig
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    public List<TakeoutPartRecord> Parts { get; init; } = [];

    public static TakeoutSourceConfig Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return new TakeoutSourceConfig();
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
