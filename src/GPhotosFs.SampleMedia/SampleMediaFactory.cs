namespace GPhotosFs.SampleMedia;

/// <summary>
/// Produces real media files for the demo library, tests and benchmarks: JPEG photos with EXIF that
/// any viewer opens, and short QuickTime Motion-JPEG videos. Output is a pure function of the spec.
/// </summary>
/// <remarks>
/// Thread-safe. Each thread keeps its own encoder, EXIF builder and pixel buffer, so bulk generation
/// (e.g. 100,000 thumbnails in a Parallel.For) allocates little more than the returned arrays.
/// </remarks>
public static class SampleMediaFactory
{
    [ThreadStatic] private static Workspace? t_workspace;

    public static byte[] CreatePhoto(PhotoSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ValidateSize(spec.Width, spec.Height, nameof(spec));
        ValidateQuality(spec.Quality, nameof(spec));

        Workspace ws = t_workspace ??= new Workspace();
        Span<byte> pixels = ws.Pixels(spec.Width, spec.Height);
        ProceduralImage.Render(pixels, spec.Width, spec.Height, spec.Seed);

        ReadOnlySpan<byte> exif = ws.Exif.Build(new ExifMetadata
        {
            CameraMake = spec.CameraMake,
            CameraModel = spec.CameraModel,
            CaptureTime = spec.CaptureTime,
            PixelWidth = spec.Width,
            PixelHeight = spec.Height,
            Gps = spec.Gps,
            Description = spec.Description,
        });
        return ws.Encoder.Encode(pixels, spec.Width, spec.Height, spec.Quality, exif);
    }

    public static byte[] CreateVideo(VideoSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ValidateSize(spec.Width, spec.Height, nameof(spec));
        ValidateQuality(spec.Quality, nameof(spec));
        if (spec.FrameCount < 1) throw new ArgumentOutOfRangeException(nameof(spec), spec.FrameCount, "FrameCount must be at least 1.");
        QuickTimeWriter.ValidateTiming(spec.FramesPerSecond, spec.CreationTime);
        spec.Gps?.Validate(nameof(spec));

        Workspace ws = t_workspace ??= new Workspace();
        Span<byte> pixels = ws.Pixels(spec.Width, spec.Height);
        var frames = new byte[spec.FrameCount][];
        for (int i = 0; i < frames.Length; i++)
        {
            ProceduralImage.Render(pixels, spec.Width, spec.Height, spec.Seed, frame: i);
            frames[i] = ws.Encoder.Encode(pixels, spec.Width, spec.Height, spec.Quality);
        }
        return QuickTimeWriter.WriteMotionJpeg(frames, spec.Width, spec.Height, spec.FramesPerSecond, spec.CreationTime, spec.Gps);
    }

    private static void ValidateSize(int width, int height, string paramName)
    {
        if (width < 1 || width > ushort.MaxValue || height < 1 || height > ushort.MaxValue)
            throw new ArgumentOutOfRangeException(paramName, $"{width}×{height}", "Width and height must be within 1–65535 (the JPEG limit).");
    }

    private static void ValidateQuality(int quality, string paramName)
    {
        if (quality is < 1 or > 100)
            throw new ArgumentOutOfRangeException(paramName, quality, "Quality must be within 1–100.");
    }

    /// <summary>Per-thread reusable state.</summary>
    private sealed class Workspace
    {
        public readonly JpegEncoder Encoder = new();
        public readonly ExifBuilder Exif = new();
        private byte[] _pixels = [];

        public Span<byte> Pixels(int width, int height)
        {
            int size = checked(width * height * 3);
            if (_pixels.Length < size) _pixels = new byte[size];
            return _pixels.AsSpan(0, size);
        }
    }
}
