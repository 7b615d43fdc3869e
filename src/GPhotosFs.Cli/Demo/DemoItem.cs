using GPhotosFs.SampleMedia;

namespace GPhotosFs.Cli.Demo;

/// <summary>One item of the demo library: the name Google would report and how to make its bytes.</summary>
internal sealed record DemoItem(string Key, string GoogleFileName, string MimeType, DateTimeOffset? CaptureTime, Func<byte[]> Bytes)
{
    public string? Description { get; init; }
    public bool Favorite { get; init; }
    public bool Trashed { get; init; }
    public string CameraMake { get; init; } = "Pixel";
    public string CameraModel { get; init; } = "Pixel 7";
    public GpsLocation? Gps { get; init; }
    public string[] Albums { get; init; } = [];
}
