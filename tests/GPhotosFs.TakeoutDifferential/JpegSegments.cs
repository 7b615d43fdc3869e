namespace GPhotosFs.TakeoutDifferential;

/// <summary>Removes a JPEG's APP1 (EXIF) segments, so a photo carries no capture time at all.</summary>
public static class JpegSegments
{
    public static byte[] WithoutApp1(byte[] jpeg)
    {
        if (jpeg.Length < 4 || jpeg[0] != 0xFF || jpeg[1] != 0xD8) throw new ArgumentException("not a JPEG", nameof(jpeg));
        using var output = new MemoryStream(jpeg.Length);
        output.Write(jpeg, 0, 2);
        var pos = 2;
        while (pos + 4 <= jpeg.Length && jpeg[pos] == 0xFF)
        {
            var marker = jpeg[pos + 1];
            if (marker == 0xDA)
            {
                break; // start of scan: the rest is entropy-coded data and EOI
            }

            var length = (jpeg[pos + 2] << 8) | jpeg[pos + 3];
            if (marker != 0xE1)
            {
                output.Write(jpeg, pos, 2 + length);
            }

            pos += 2 + length;
        }

        output.Write(jpeg, pos, jpeg.Length - pos);
        return output.ToArray();
    }
}
