using System.Text.Json;

namespace GPhotosFs.Takeout.Sidecars;

/// <summary>An album folder's metadata.json (localized name), with or without the older <c>{"albumData": {…}}</c> wrapper.</summary>
public sealed record AlbumMetadata(string? Title, string? Description)
{
    /// <exception cref="JsonException">Not JSON, or not an object.</exception>
    public static AlbumMetadata Parse(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("album metadata must hold a JSON object");
        }

        if (root.TryGetProperty("albumData", out var wrapped) && wrapped.ValueKind == JsonValueKind.Object)
        {
            root = wrapped;
        }

        return new AlbumMetadata(SidecarMetadata.Text(root, "title"), SidecarMetadata.Text(root, "description"));
    }
}
