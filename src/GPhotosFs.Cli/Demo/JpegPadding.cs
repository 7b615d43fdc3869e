namespace GPhotosFs.Cli.Demo;

/// <summary>
/// Makes a JPEG bigger while keeping it a valid JPEG: comment (COM) segments of random bytes right
/// after the EXIF block. Benchmarks need originals of realistic sizes without encoding megapixels.
/// </summary>
internal static class JpegPadding
{
    private const int MaxSegmentPayload = 65533;

    public static byte[] PadTo(byte[] jpeg, long targetBytes, int seed)
    {
        // SOI, then APP1 (Exif) whose big-endian length follows its marker.
        var insertAt = 2;
        if (jpeg.Length > 6 && jpeg[2] == 0xFF && jpeg[3] == 0xE1)
        {
            insertAt = 4 + ((jpeg[4] << 8) | jpeg[5]);
        }

        var padding = targetBytes - jpeg.Length;
        if (padding <= 4)
        {
            return jpeg;
        }

        var random = new Random(seed);
        using var output = new MemoryStream((int)targetBytes + MaxSegmentPayload);
        output.Write(jpeg, 0, insertAt);
        var payload = new byte[MaxSegmentPayload];
        while (padding > 4)
        {
            var n = (int)Math.Min(MaxSegmentPayload, padding - 4);
            random.NextBytes(payload.AsSpan(0, n));
            output.WriteByte(0xFF);
            output.WriteByte(0xFE);
            output.WriteByte((byte)((n + 2) >> 8));
            output.WriteByte((byte)((n + 2) & 0xFF));
            output.Write(payload, 0, n);
            padding -= n + 4;
        }

        output.Write(jpeg, insertAt, jpeg.Length - insertAt);
        return output.ToArray();
    }
}
