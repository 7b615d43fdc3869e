namespace GPhotosFs.SampleMedia.Tests;

public class DeterminismTests
{
    private static readonly PhotoSpec Photo = new()
    {
        Width = 200, Height = 150, Seed = 42, CaptureTime = new DateTimeOffset(2020, 1, 2, 3, 4, 5, TimeSpan.FromHours(1)),
        Gps = new GpsLocation(48.8584, 2.2945, 35), Description = "Eiffel",
    };

    [Fact]
    public void Same_photo_spec_gives_identical_bytes_on_any_thread()
    {
        byte[] first = SampleMediaFactory.CreatePhoto(Photo);
        var results = new byte[8][];
        Parallel.For(0, results.Length, i =>
        {
            // Interleave other work so per-thread buffers hold stale data from different images.
            SampleMediaFactory.CreatePhoto(Photo with { Width = 1000 - i, Height = 3 + i, Seed = i, Gps = null, Description = null });
            results[i] = SampleMediaFactory.CreatePhoto(Photo);
        });
        Assert.All(results, r => Assert.Equal(first, r));
    }

    [Fact]
    public void Same_video_spec_gives_identical_bytes()
    {
        var spec = new VideoSpec { Width = 48, Height = 32, FrameCount = 5, Seed = 9, CreationTime = Photo.CaptureTime };
        Assert.Equal(SampleMediaFactory.CreateVideo(spec), SampleMediaFactory.CreateVideo(spec));
        Assert.NotEqual(SampleMediaFactory.CreateVideo(spec), SampleMediaFactory.CreateVideo(spec with { Seed = 10 }));
    }

    [Fact]
    public void Different_seeds_give_different_pictures()
    {
        var hashes = Enumerable.Range(0, 50)
            .Select(seed => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(SampleMediaFactory.CreatePhoto(Photo with { Seed = seed }))))
            .ToHashSet();
        Assert.Equal(50, hashes.Count);

        // Not just different bytes: visibly different pixels (mean absolute difference of several levels).
        var a = new byte[64 * 64 * 3];
        var b = new byte[64 * 64 * 3];
        ProceduralImage.Render(a, 64, 64, 1);
        ProceduralImage.Render(b, 64, 64, 2);
        double meanDifference = a.Zip(b, (x, y) => Math.Abs(x - y)).Average();
        Assert.True(meanDifference > 10, $"seeds 1 and 2 differ by only {meanDifference:F1} levels on average");
    }

    [Fact]
    public void Metadata_changes_only_the_exif_not_the_pixels()
    {
        byte[] a = SampleMediaFactory.CreatePhoto(Photo);
        byte[] b = SampleMediaFactory.CreatePhoto(Photo with { CameraModel = "Other" });
        Assert.NotEqual(a, b);
        Assert.Equal(EntropyTail(a), EntropyTail(b));

        static byte[] EntropyTail(byte[] jpeg) => Support.JpegSegments.Parse(jpeg).ScanData;
    }
}
