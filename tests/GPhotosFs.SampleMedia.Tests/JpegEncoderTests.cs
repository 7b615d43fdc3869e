using GPhotosFs.SampleMedia.Tests.Support;

namespace GPhotosFs.SampleMedia.Tests;

public class JpegEncoderTests
{
    private static byte[] Pixels(int width, int height, int seed = 7)
    {
        var rgb = new byte[width * height * 3];
        ProceduralImage.Render(rgb, width, height, seed);
        return rgb;
    }

    [Fact]
    public void App1_comes_first_then_tables_frame_scan_and_eoi()
    {
        byte[] app1 = "Exif\0\0fake-tiff"u8.ToArray();
        byte[] jpeg = new JpegEncoder().Encode(Pixels(40, 30), 40, 30, 90, app1);

        var (segments, _) = JpegSegments.Parse(jpeg);
        Assert.Equal(JpegSegments.App1, segments[0].Marker);
        Assert.Equal(2, segments[0].Offset); // immediately after SOI
        Assert.Equal(app1, segments[0].Payload);
        Assert.Equal([JpegSegments.App1, JpegSegments.Dqt, JpegSegments.Sof0, JpegSegments.Dht, JpegSegments.Sos],
            segments.Select(s => s.Marker).ToArray());
        Assert.Equal((40, 30), JpegSegments.FrameSize(segments.Single(s => s.Marker == JpegSegments.Sof0)));
    }

    [Fact]
    public void Sof0_declares_three_components_with_4_2_0_sampling()
    {
        byte[] jpeg = new JpegEncoder().Encode(Pixels(32, 32), 32, 32, 75);
        var sof = JpegSegments.Parse(jpeg).Segments.Single(s => s.Marker == JpegSegments.Sof0);
        Assert.Equal(8, sof.Payload[0]);  // precision
        Assert.Equal(3, sof.Payload[5]);  // components
        Assert.Equal([1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1], sof.Payload[6..15]);
    }

    [Fact]
    public void Jfif_is_optional_and_follows_app1()
    {
        var encoder = new JpegEncoder();
        byte[] pixels = Pixels(16, 16);

        var plain = JpegSegments.Parse(encoder.Encode(pixels, 16, 16, 80)).Segments;
        Assert.DoesNotContain(plain, s => s.Marker is JpegSegments.App0 or JpegSegments.App1);

        var jfifOnly = JpegSegments.Parse(encoder.Encode(pixels, 16, 16, 80, writeJfif: true)).Segments;
        Assert.Equal(JpegSegments.App0, jfifOnly[0].Marker);
        Assert.Equal("JFIF\0"u8.ToArray(), jfifOnly[0].Payload[..5]);

        var both = JpegSegments.Parse(encoder.Encode(pixels, 16, 16, 80, "Exif\0\0"u8, writeJfif: true)).Segments;
        Assert.Equal([JpegSegments.App1, JpegSegments.App0], both.Take(2).Select(s => s.Marker).ToArray());
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(17, 9)]
    [InlineData(16, 16)]
    [InlineData(33, 1)]
    [InlineData(1, 40)]
    [InlineData(250, 131)]
    public void Odd_sizes_produce_the_exact_frame_size(int width, int height)
    {
        byte[] jpeg = new JpegEncoder().Encode(Pixels(width, height), width, height, 85);
        var (segments, scan) = JpegSegments.Parse(jpeg);
        Assert.Equal((width, height), JpegSegments.FrameSize(segments.Single(s => s.Marker == JpegSegments.Sof0)));
        Assert.NotEmpty(scan);
    }

    [Fact]
    public void Every_ff_in_the_scan_is_stuffed()
    {
        // Saturated noise makes many 0xFF bytes in the entropy-coded data.
        var rgb = new byte[64 * 64 * 3];
        var random = new Random(1);
        random.NextBytes(rgb);
        byte[] jpeg = new JpegEncoder().Encode(rgb, 64, 64, 100);

        var (_, scan) = JpegSegments.Parse(jpeg);
        int stuffed = 0;
        for (int i = 0; i < scan.Length; i++)
        {
            if (scan[i] != 0xFF) continue;
            Assert.True(i + 1 < scan.Length && scan[i + 1] == 0x00, $"unstuffed 0xFF at scan offset {i}");
            stuffed++;
            i++;
        }
        Assert.True(stuffed > 0, "test image produced no 0xFF bytes; it does not exercise stuffing");
    }

    [Fact]
    public void Quality_scales_the_quantization_tables_and_the_size()
    {
        byte[] pixels = Pixels(128, 96);
        var encoder = new JpegEncoder();
        byte[] q50 = encoder.Encode(pixels, 128, 96, 50);
        byte[] q100 = encoder.Encode(pixels, 128, 96, 100);
        byte[] q10 = encoder.Encode(pixels, 128, 96, 10);

        byte[] dqt50 = JpegSegments.Parse(q50).Segments.Single(s => s.Marker == JpegSegments.Dqt).Payload;
        byte[] dqt100 = JpegSegments.Parse(q100).Segments.Single(s => s.Marker == JpegSegments.Dqt).Payload;
        // Quality 50 is the Annex K table itself; DQT stores zig-zag order, whose first entries are 16, 11, 12.
        Assert.Equal([0, 16, 11, 12, 14, 12, 10], dqt50[..7]);
        Assert.Equal(1, dqt50[65]); // second table has id 1
        Assert.Equal(17, dqt50[66]);
        Assert.All(dqt100.Where((_, i) => i % 65 != 0), q => Assert.Equal(1, q));
        Assert.True(q10.Length < q50.Length && q50.Length < q100.Length, $"sizes {q10.Length}, {q50.Length}, {q100.Length}");
    }

    [Fact]
    public void Reused_encoder_gives_the_same_bytes_as_a_fresh_one()
    {
        var reused = new JpegEncoder();
        reused.Encode(Pixels(300, 200, 1), 300, 200, 40, "Exif\0\0xxxxxxxxxxxx"u8);
        byte[] afterReuse = reused.Encode(Pixels(17, 9, 2), 17, 9, 90);
        byte[] fresh = new JpegEncoder().Encode(Pixels(17, 9, 2), 17, 9, 90);
        Assert.Equal(fresh, afterReuse);
    }

    [Fact]
    public void Invalid_arguments_are_rejected()
    {
        var encoder = new JpegEncoder();
        byte[] pixels = Pixels(8, 8);
        Assert.Throws<ArgumentOutOfRangeException>(() => encoder.Encode(pixels, 8, 8, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => encoder.Encode(pixels, 8, 8, 101));
        Assert.Throws<ArgumentOutOfRangeException>(() => encoder.Encode(pixels, 0, 8, 90));
        Assert.Throws<ArgumentOutOfRangeException>(() => encoder.Encode(new byte[70_000 * 3], 70_000, 1, 90));
        Assert.Throws<ArgumentException>(() => encoder.Encode(pixels, 9, 8, 90));
        Assert.Throws<ArgumentException>(() => encoder.Encode(pixels, 8, 8, 90, new byte[JpegEncoder.MaxApp1PayloadLength + 1]));
    }
}
