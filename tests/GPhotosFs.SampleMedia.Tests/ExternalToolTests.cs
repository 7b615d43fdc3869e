using GPhotosFs.SampleMedia.Tests.Support;
using Xunit.Abstractions;

namespace GPhotosFs.SampleMedia.Tests;

/// <summary>
/// Independent judges: libjpeg-turbo's djpeg decodes our JPEGs, exiftool validates our EXIF and reads
/// our movie header. Missing tools skip locally and fail in CI (see <see cref="ExternalTool"/>).
/// </summary>
public class ExternalToolTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset When = new(2023, 7, 14, 18, 30, 5, TimeSpan.FromHours(2));

    /// <summary>
    /// Sample photos at sizes where the picture is smooth relative to its size. (At 17×9 a 2-pixel disc
    /// is detail that 4:2:0 chroma cannot hold: libjpeg's own cjpeg reaches the same ~28 dB there.)
    /// </summary>
    [Theory]
    [InlineData(320, 240)]
    [InlineData(641, 359)]
    [InlineData(1920, 1080)]
    public void Djpeg_decodes_sample_photos_close_to_the_source(int width, int height)
    {
        string? djpeg = ExternalTool.Require("djpeg", "libjpeg-turbo-progs", output);
        if (djpeg is null) return;

        const int seed = 11;
        byte[] jpeg = SampleMediaFactory.CreatePhoto(new PhotoSpec { Width = width, Height = height, Seed = seed, Quality = 90, CaptureTime = When });
        var source = new byte[width * height * 3];
        ProceduralImage.Render(source, width, height, seed);

        double psnr = DecodeAndCompare(djpeg, jpeg, source, width, height);
        Assert.True(psnr >= 30, $"PSNR {psnr:F2} dB is below 30 dB");
    }

    /// <summary>Odd and sub-MCU sizes exercise edge padding and cropping; a smooth gradient isolates that.</summary>
    [Theory]
    [InlineData(1, 1)]
    [InlineData(17, 9)]
    [InlineData(15, 17)]
    [InlineData(33, 1)]
    [InlineData(1, 31)]
    public void Djpeg_decodes_odd_sizes_exactly_cropped(int width, int height)
    {
        string? djpeg = ExternalTool.Require("djpeg", "libjpeg-turbo-progs", output);
        if (djpeg is null) return;

        var source = new byte[width * height * 3];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                int i = (y * width + x) * 3;
                source[i] = (byte)(40 + 150 * x / Math.Max(1, width - 1));
                source[i + 1] = (byte)(200 - 120 * y / Math.Max(1, height - 1));
                source[i + 2] = 90;
            }
        byte[] jpeg = new JpegEncoder().Encode(source, width, height, 90);

        double psnr = DecodeAndCompare(djpeg, jpeg, source, width, height);
        Assert.True(psnr >= 30, $"PSNR {psnr:F2} dB is below 30 dB");

        // The factory's tiny photos must decode at their exact size too.
        byte[] photo = SampleMediaFactory.CreatePhoto(new PhotoSpec { Width = width, Height = height, Seed = 3, CaptureTime = When });
        var scene = new byte[width * height * 3];
        ProceduralImage.Render(scene, width, height, 3);
        Assert.True(DecodeAndCompare(djpeg, photo, scene, width, height) >= 20, "tiny photo decodes to something unlike its source");
    }

    private double DecodeAndCompare(string djpeg, byte[] jpeg, byte[] source, int width, int height)
    {
        using var file = new TempFile(jpeg, ".jpg");
        var (exit, ppm, stderr) = ExternalTool.Run(djpeg, "-pnm", file.Path);
        // djpeg reports corrupt-data warnings on stderr while still exiting 0.
        Assert.True(exit == 0 && stderr.Length == 0, $"djpeg exit {exit}: {stderr}");

        var decoded = ImageComparison.ReadPpm(ppm);
        Assert.Equal((width, height), (decoded.Width, decoded.Height));
        double psnr = ImageComparison.Psnr(source, decoded.Rgb);
        output.WriteLine($"{width}×{height}: {jpeg.Length} bytes, PSNR {psnr:F2} dB");
        return psnr;
    }

    [Fact]
    public void Djpeg_accepts_a_stuffing_heavy_noise_image()
    {
        string? djpeg = ExternalTool.Require("djpeg", "libjpeg-turbo-progs", output);
        if (djpeg is null) return;

        // Grey noise: maximal entropy-coded data (so many stuffed 0xFF bytes) and no chroma for 4:2:0 to lose.
        var rgb = new byte[100 * 75 * 3];
        var random = new Random(5);
        for (int i = 0; i < rgb.Length; i += 3) rgb[i] = rgb[i + 1] = rgb[i + 2] = (byte)random.Next(256);
        byte[] jpeg = new JpegEncoder().Encode(rgb, 100, 75, 100, writeJfif: true);
        Assert.True(DecodeAndCompare(djpeg, jpeg, rgb, 100, 75) >= 35, "quality-100 grey noise lost too much");
    }

    [Fact]
    public void Exiftool_validates_a_photo_without_warnings()
    {
        string? exiftool = ExternalTool.Require("exiftool", "libimage-exiftool-perl", output);
        if (exiftool is null) return;

        byte[] jpeg = SampleMediaFactory.CreatePhoto(new PhotoSpec
        {
            Width = 33, Height = 21, Seed = 4, CaptureTime = When, CameraMake = "Acme", CameraModel = "One",
            Gps = new GpsLocation(-22.9519, -43.2105, 710), Description = "Cristo Redentor",
        });
        using var file = new TempFile(jpeg, ".jpg");
        var (exit, stdout, stderr) = ExternalTool.Run(exiftool, "-validate", "-warning", "-error", "-a", file.Path);
        string text = System.Text.Encoding.UTF8.GetString(stdout);
        output.WriteLine(text);

        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains(lines, l => l.StartsWith("Validate") && l.EndsWith(": OK"));
        Assert.DoesNotContain(lines, l => l.StartsWith("Warning") || l.StartsWith("Error"));
    }

    [Fact]
    public void Exiftool_reads_the_photo_and_video_dates()
    {
        string? exiftool = ExternalTool.Require("exiftool", "libimage-exiftool-perl", output);
        if (exiftool is null) return;

        byte[] movie = SampleMediaFactory.CreateVideo(new VideoSpec { Width = 64, Height = 48, FrameCount = 10, FramesPerSecond = 10, CreationTime = When });
        using var video = new TempFile(movie, ".mov");
        var (exit, stdout, stderr) = ExternalTool.Run(exiftool, "-s", "-s", "-s", "-QuickTime:CreateDate", "-QuickTime:Duration#", "-Track1:ImageWidth", video.Path);
        Assert.True(exit == 0, stderr);
        // QuickTime stores UTC; exiftool shows it as such by default.
        Assert.Equal(["2023:07:14 16:30:05", "1", "64"], System.Text.Encoding.UTF8.GetString(stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries));

        using var photo = new TempFile(SampleMediaFactory.CreatePhoto(new PhotoSpec { Width = 8, Height = 8, CaptureTime = When }), ".jpg");
        (exit, stdout, stderr) = ExternalTool.Run(exiftool, "-s", "-s", "-s", "-SubSecDateTimeOriginal", photo.Path);
        Assert.True(exit == 0, stderr);
        Assert.Equal("2023:07:14 18:30:05+02:00", System.Text.Encoding.UTF8.GetString(stdout).Trim());
    }
}
