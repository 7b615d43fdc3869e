namespace GPhotosFs.Takeout.Archives;

/// <summary>What a media member's own metadata says (for items whose sidecar says nothing): capture time and where from ("exif", "quicktime"), GPS.</summary>
public sealed record MediaFacts(DateTimeOffset? CaptureTime, string? CaptureTimeSource, double? Latitude = null, double? Longitude = null, double? Altitude = null)
{
    public bool IsEmpty => CaptureTime is null && Latitude is null;
}
