namespace GPhotosFs.SampleMedia;

/// <summary>Describes a sample video for <see cref="SampleMediaFactory.CreateVideo"/>.</summary>
public sealed record VideoSpec
{
    public required int Width { get; init; }
    public required int Height { get; init; }
    public int FrameCount { get; init; } = 30;
    public int FramesPerSecond { get; init; } = 30;

    /// <summary>Selects the scene; frames animate it, so consecutive frames differ.</summary>
    public int Seed { get; init; }

    /// <summary>JPEG quality of each frame (1–100). Lower than photos: frames are many and small.</summary>
    public int Quality { get; init; } = 75;

    /// <summary>Stored in the movie headers (QuickTime keeps UTC; the offset is not preserved).</summary>
    public required DateTimeOffset CreationTime { get; init; }

    public GpsLocation? Gps { get; init; }
}
