namespace GPhotosFs.SampleMedia;

/// <summary>What <see cref="ExifBuilder"/> writes into a photo's EXIF block.</summary>
public sealed record ExifMetadata
{
    public required string CameraMake { get; init; }
    public required string CameraModel { get; init; }

    /// <summary>
    /// When the photo was taken. Written the way cameras do: the local wall-clock time in
    /// DateTime/DateTimeOriginal/DateTimeDigitized and the UTC offset in the OffsetTime* tags.
    /// </summary>
    public required DateTimeOffset CaptureTime { get; init; }

    /// <summary>The JPEG's real dimensions (PixelXDimension/PixelYDimension).</summary>
    public required int PixelWidth { get; init; }
    public required int PixelHeight { get; init; }

    public string Software { get; init; } = "GPhotosFs.SampleMedia";
    public GpsLocation? Gps { get; init; }

    /// <summary>Written to both IFD0 ImageDescription and Exif UserComment, as phones commonly do.</summary>
    public string? Description { get; init; }
}
