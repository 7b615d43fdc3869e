using System.Buffers.Binary;

namespace GPhotosFs.SampleMedia.Tests.Support;

/// <summary>One marker segment of a JPEG file: marker byte, file offset of the 0xFF, and its payload (after the length).</summary>
internal sealed record JpegSegment(byte Marker, int Offset, byte[] Payload);

/// <summary>
/// Walks a JPEG's marker segments independently of the encoder, so structure tests don't trust the
/// code they test. Also returns the entropy-coded scan data between SOS and EOI.
/// </summary>
internal static class JpegSegments
{
    public const byte Soi = 0xD8, Eoi = 0xD9, Sos = 0xDA, Sof0 = 0xC0, Dht = 0xC4, Dqt = 0xDB, App0 = 0xE0, App1 = 0xE1;

    public static (List<JpegSegment> Segments, byte[] ScanData) Parse(byte[] jpeg)
    {
        Assert.True(jpeg.Length >= 4, "JPEG too short");
        Assert.Equal(0xFF, jpeg[0]);
        Assert.Equal(Soi, jpeg[1]);
        Assert.Equal(0xFF, jpeg[^2]);
        Assert.Equal(Eoi, jpeg[^1]);

        var segments = new List<JpegSegment>();
        int pos = 2;
        while (true)
        {
            Assert.True(pos + 4 <= jpeg.Length, $"truncated segment header at {pos}");
            Assert.Equal(0xFF, jpeg[pos]);
            byte marker = jpeg[pos + 1];
            int length = BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(pos + 2));
            Assert.True(length >= 2 && pos + 2 + length <= jpeg.Length, $"bad length {length} for marker 0x{marker:X2}");
            segments.Add(new JpegSegment(marker, pos, jpeg.AsSpan(pos + 4, length - 2).ToArray()));
            pos += 2 + length;
            if (marker == Sos) break;
        }

        // Scan data runs to the EOI; the test below checks no marker hides inside it.
        byte[] scan = jpeg.AsSpan(pos, jpeg.Length - 2 - pos).ToArray();
        return (segments, scan);
    }

    public static (int Width, int Height) FrameSize(JpegSegment sof0)
    {
        Assert.Equal(Sof0, sof0.Marker);
        return (BinaryPrimitives.ReadUInt16BigEndian(sof0.Payload.AsSpan(3)), BinaryPrimitives.ReadUInt16BigEndian(sof0.Payload.AsSpan(1)));
    }
}
