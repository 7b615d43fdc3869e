namespace GPhotosFs.SampleMedia;

/// <summary>Describes a sample photo for <see cref="SampleMediaFactory.CreatePhoto"/>.</summary>
public sealed record PhotoSpec
{
    public required int Width { get; init; }
    public required int Height { get; init; }

    /// <summary>Selects the picture; the same spec always yields the same bytes.</summary>
    public int Seed { get; init; }

    /// <summary>JPEG quality 1–100 (IJG scale).</summary>
    public int Quality { get; init; } = 90;

    /// <summary>Written as EXIF local time plus OffsetTimeOriginal, like a phone camera.</summary>
    public required DateTimeOffset CaptureTime { get; init; }

    public string CameraMake { get; init; } = "GPhotosFs";
    public string CameraModel { get; init; } = "Sample Camera";
    public GpsLocation? Gps { get; init; }
    public string? Description { get; init; }
}
