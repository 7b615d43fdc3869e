using System.Text;

namespace GPhotosFs.SampleMedia.Tests.Support;

/// <summary>Reads djpeg's binary PPM output and measures how close a decode is to the source pixels.</summary>
internal static class ImageComparison
{
    /// <summary>Parses a binary (P6, maxval 255) PPM into width, height and RGB24 pixels.</summary>
    public static (int Width, int Height, byte[] Rgb) ReadPpm(byte[] ppm)
    {
        int pos = 0;
        Assert.Equal("P6", NextToken(ppm, ref pos));
        int width = int.Parse(NextToken(ppm, ref pos));
        int height = int.Parse(NextToken(ppm, ref pos));
        Assert.Equal("255", NextToken(ppm, ref pos));
        pos++; // the single whitespace byte before the raster
        Assert.Equal(width * height * 3, ppm.Length - pos);
        return (width, height, ppm.AsSpan(pos).ToArray());
    }

    private static string NextToken(byte[] data, ref int pos)
    {
        while (char.IsWhiteSpace((char)data[pos]) || data[pos] == '#')
        {
            if (data[pos] == '#') while (data[pos] != '\n') pos++;
            else pos++;
        }
        int start = pos;
        while (!char.IsWhiteSpace((char)data[pos])) pos++;
        return Encoding.ASCII.GetString(data, start, pos - start);
    }

    /// <summary>Peak signal-to-noise ratio over all RGB samples, in dB (infinity for identical images).</summary>
    public static double Psnr(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        double sumSquares = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            int d = expected[i] - actual[i];
            sumSquares += d * d;
        }
        double mse = sumSquares / expected.Length;
        return mse == 0 ? double.PositiveInfinity : 10 * Math.Log10(255.0 * 255.0 / mse);
    }
}
