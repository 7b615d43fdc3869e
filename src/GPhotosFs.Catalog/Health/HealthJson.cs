using System.Text.Json;
using System.Text.Json.Serialization;

namespace GPhotosFs.Catalog.Health;

/// <summary>How the health records in the state folder are written: camelCase, indented, nulls left out (one format for every store).</summary>
internal static class HealthJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
