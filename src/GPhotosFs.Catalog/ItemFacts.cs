namespace GPhotosFs.Catalog;

/// <summary>
/// What was learned about an item from its bytes (typically on first download): exact size,
/// hash, EXIF. A null property means "not learned", leaving the stored value as it is.
/// Applying facts never moves the item: its assigned path is fixed.
/// </summary>
public sealed record ItemFacts
{
    public long? Size { get; init; }

    public string? ContentHash { get; init; }

    public string? MimeType { get; init; }

    /// <summary>When set, <see cref="CaptureTimeSource"/> must say where it came from.</summary>
    public DateTimeOffset? CaptureTime { get; init; }

    public string? CaptureTimeSource { get; init; }

    public int? Width { get; init; }

    public int? Height { get; init; }

    public string? CameraMake { get; init; }

    public string? CameraModel { get; init; }

    public double? Latitude { get; init; }

    public double? Longitude { get; init; }

    public double? Altitude { get; init; }
}
