using System.Numerics;

namespace GPhotosFs.SampleMedia;

/// <summary>
/// A baseline (SOF0) JPEG encoder for RGB24 pixels: JFIF YCbCr, 4:2:0 chroma subsampling, IJG-scaled
/// standard quantisation tables and the standard Annex K Huffman tables — the same kind of file a
/// phone camera writes, which every viewer, browser and decoder opens.
/// </summary>
/// <remarks>
/// An instance keeps its plane and output buffers between calls, so reuse one per thread when encoding
/// many images. Instances are not thread-safe.
/// </remarks>
public sealed class JpegEncoder
{
    /// <summary>Largest APP1 payload: a segment length is 16 bits and includes its own two bytes.</summary>
    public const int MaxApp1PayloadLength = ushort.MaxValue - 2;

    // One 4:2:0 MCU is 16×16 luma pixels: four Y blocks, then one Cb and one Cr block.
    private const int McuSize = 16;

    // Worst case for one block: DC (11 + 11 bits) + 63 AC symbols (16 + 10 bits), every byte stuffed.
    private const int MaxBytesPerMcu = 6 * 2 * (22 + 63 * 26 + 7) / 8 + 16;

    private readonly JpegOutputBuffer _output = new();
    private readonly float[] _block = new float[64];
    private readonly int[] _quantized = new int[64];

    // Quantisation tables for the last quality used, in natural order, plus their reciprocals.
    private readonly byte[] _lumaQuant = new byte[64];
    private readonly byte[] _chromaQuant = new byte[64];
    private readonly float[] _lumaReciprocal = new float[64];
    private readonly float[] _chromaReciprocal = new float[64];
    private int _tablesQuality;

    // Level-shifted planes padded to whole MCUs; chroma already averaged down to half resolution.
    private float[] _y = [];
    private float[] _cb = [];
    private float[] _cr = [];

    /// <summary>
    /// Encodes <paramref name="rgb24"/> (width × height pixels, R, G, B bytes, rows top to bottom, no
    /// padding) as a baseline JPEG.
    /// </summary>
    /// <param name="quality">1–100 with the IJG meaning (libjpeg/cjpeg): 75 is typical, 90+ is near-lossless to the eye.</param>
    /// <param name="app1Payload">
    /// Written as an APP1 segment immediately after SOI, where EXIF readers require it (typically the
    /// output of <see cref="ExifBuilder"/>, starting "Exif\0\0"). Empty means no APP1.
    /// </param>
    /// <param name="writeJfif">
    /// Also write a JFIF APP0 segment. It follows APP1 when both are present: Exif requires APP1 to be
    /// first, and JFIF-aware decoders do not depend on APP0's position.
    /// </param>
    public byte[] Encode(ReadOnlySpan<byte> rgb24, int width, int height, int quality,
        ReadOnlySpan<byte> app1Payload = default, bool writeJfif = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, ushort.MaxValue);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(height, ushort.MaxValue);
        ArgumentOutOfRangeException.ThrowIfLessThan(quality, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quality, 100);
        if (rgb24.Length < (long)width * height * 3)
            throw new ArgumentException($"Expected {(long)width * height * 3} bytes of RGB24 pixels, got {rgb24.Length}.", nameof(rgb24));
        if (app1Payload.Length > MaxApp1PayloadLength)
            throw new ArgumentException($"APP1 payload is {app1Payload.Length} bytes; the maximum is {MaxApp1PayloadLength}.", nameof(app1Payload));

        PrepareQuantization(quality);
        ConvertToPlanes(rgb24, width, height);

        _output.Reset();
        WriteHeaders(width, height, app1Payload, writeJfif);
        WriteScan(width, height);
        _output.WriteMarker(0xD9); // EOI
        return _output.ToArray();
    }

    private void PrepareQuantization(int quality)
    {
        if (_tablesQuality == quality) return;
        JpegStandardTables.ScaleQuantization(JpegStandardTables.LuminanceQuantization, quality, _lumaQuant);
        JpegStandardTables.ScaleQuantization(JpegStandardTables.ChrominanceQuantization, quality, _chromaQuant);
        for (int i = 0; i < 64; i++)
        {
            _lumaReciprocal[i] = 1f / _lumaQuant[i];
            _chromaReciprocal[i] = 1f / _chromaQuant[i];
        }
        _tablesQuality = quality;
    }

    /// <summary>
    /// Converts to level-shifted YCbCr (JFIF / BT.601 full range) and averages each 2×2 chroma group.
    /// Pixels past the right and bottom edges replicate the last column/row, so partial MCUs carry no
    /// artificial edge that would ring back into the visible area.
    /// </summary>
    private void ConvertToPlanes(ReadOnlySpan<byte> rgb, int width, int height)
    {
        int paddedWidth = (width + McuSize - 1) / McuSize * McuSize;
        int paddedHeight = (height + McuSize - 1) / McuSize * McuSize;
        int chromaWidth = paddedWidth / 2;
        EnsurePlane(ref _y, paddedWidth * paddedHeight);
        EnsurePlane(ref _cb, chromaWidth * (paddedHeight / 2));
        EnsurePlane(ref _cr, chromaWidth * (paddedHeight / 2));

        Span<float> yPlane = _y, cbPlane = _cb, crPlane = _cr;
        for (int y = 0; y < paddedHeight; y += 2)
        {
            // Two source rows per chroma row; both clamp to the image.
            int row0 = Math.Min(y, height - 1) * width * 3;
            int row1 = Math.Min(y + 1, height - 1) * width * 3;
            int yOut0 = y * paddedWidth, yOut1 = yOut0 + paddedWidth;
            int cOut = (y / 2) * chromaWidth;
            for (int x = 0; x < paddedWidth; x += 2)
            {
                int sx0 = Math.Min(x, width - 1) * 3;
                int sx1 = Math.Min(x + 1, width - 1) * 3;
                float cbSum = 0, crSum = 0;
                cbSum += ToYCbCr(rgb, row0 + sx0, out yPlane[yOut0 + x], out float cr);
                crSum += cr;
                cbSum += ToYCbCr(rgb, row0 + sx1, out yPlane[yOut0 + x + 1], out cr);
                crSum += cr;
                cbSum += ToYCbCr(rgb, row1 + sx0, out yPlane[yOut1 + x], out cr);
                crSum += cr;
                cbSum += ToYCbCr(rgb, row1 + sx1, out yPlane[yOut1 + x + 1], out cr);
                crSum += cr;
                cbPlane[cOut + x / 2] = cbSum * 0.25f;
                crPlane[cOut + x / 2] = crSum * 0.25f;
            }
        }
    }

    /// <summary>Returns Cb; all three outputs are already level-shifted by −128.</summary>
    private static float ToYCbCr(ReadOnlySpan<byte> rgb, int offset, out float luma, out float cr)
    {
        float r = rgb[offset], g = rgb[offset + 1], b = rgb[offset + 2];
        luma = 0.299f * r + 0.587f * g + 0.114f * b - 128f;
        cr = 0.5f * r - 0.418688f * g - 0.081312f * b;
        return -0.168736f * r - 0.331264f * g + 0.5f * b;
    }

    private static void EnsurePlane(ref float[] plane, int size)
    {
        if (plane.Length < size) plane = new float[size];
    }

    private void WriteHeaders(int width, int height, ReadOnlySpan<byte> app1Payload, bool writeJfif)
    {
        var o = _output;
        o.WriteMarker(0xD8); // SOI

        if (!app1Payload.IsEmpty)
        {
            o.WriteMarker(0xE1);
            o.WriteUInt16BigEndian(app1Payload.Length + 2);
            o.WriteBytes(app1Payload);
        }

        if (writeJfif)
        {
            o.WriteMarker(0xE0);
            o.WriteUInt16BigEndian(16);
            o.WriteBytes("JFIF\0"u8);
            o.WriteByte(1); o.WriteByte(1);     // version 1.01
            o.WriteByte(1);                     // density unit: dots per inch
            o.WriteUInt16BigEndian(72);
            o.WriteUInt16BigEndian(72);
            o.WriteByte(0); o.WriteByte(0);     // no thumbnail
        }

        // DQT: both tables in one segment, 8-bit precision, zig-zag order.
        o.WriteMarker(0xDB);
        o.WriteUInt16BigEndian(2 + 2 * 65);
        WriteQuantTable(0, _lumaQuant);
        WriteQuantTable(1, _chromaQuant);

        // SOF0: 8-bit, three components; Y samples at 2×2 (4:2:0), chroma at 1×1.
        o.WriteMarker(0xC0);
        o.WriteUInt16BigEndian(8 + 3 * 3);
        o.WriteByte(8);
        o.WriteUInt16BigEndian(height);
        o.WriteUInt16BigEndian(width);
        o.WriteByte(3);
        o.WriteByte(1); o.WriteByte(0x22); o.WriteByte(0);
        o.WriteByte(2); o.WriteByte(0x11); o.WriteByte(1);
        o.WriteByte(3); o.WriteByte(0x11); o.WriteByte(1);

        // DHT: the four standard tables in one segment.
        var tables = (Span<(int classAndId, JpegHuffmanTable table)>)
        [
            (0x00, JpegHuffmanTable.LuminanceDc), (0x10, JpegHuffmanTable.LuminanceAc),
            (0x01, JpegHuffmanTable.ChrominanceDc), (0x11, JpegHuffmanTable.ChrominanceAc),
        ];
        int dhtLength = 2;
        foreach (var (_, table) in tables) dhtLength += 1 + 16 + table.Values.Length;
        o.WriteMarker(0xC4);
        o.WriteUInt16BigEndian(dhtLength);
        foreach (var (classAndId, table) in tables)
        {
            o.WriteByte((byte)classAndId);
            o.WriteBytes(table.Bits);
            o.WriteBytes(table.Values);
        }

        // SOS: all three components interleaved, full spectral range (baseline).
        o.WriteMarker(0xDA);
        o.WriteUInt16BigEndian(6 + 2 * 3);
        o.WriteByte(3);
        o.WriteByte(1); o.WriteByte(0x00);
        o.WriteByte(2); o.WriteByte(0x11);
        o.WriteByte(3); o.WriteByte(0x11);
        o.WriteByte(0); o.WriteByte(63); o.WriteByte(0);
    }

    private void WriteQuantTable(int id, byte[] natural)
    {
        _output.WriteByte((byte)id);
        for (int k = 0; k < 64; k++) _output.WriteByte(natural[JpegStandardTables.ZigZag[k]]);
    }

    private void WriteScan(int width, int height)
    {
        int mcusAcross = (width + McuSize - 1) / McuSize;
        int mcusDown = (height + McuSize - 1) / McuSize;
        int lumaStride = mcusAcross * McuSize;
        int chromaStride = lumaStride / 2;
        int dcY = 0, dcCb = 0, dcCr = 0; // DC is coded as the difference from the previous block of the component

        for (int my = 0; my < mcusDown; my++)
        {
            for (int mx = 0; mx < mcusAcross; mx++)
            {
                _output.EnsureCapacity(MaxBytesPerMcu);
                int lumaOrigin = my * McuSize * lumaStride + mx * McuSize;
                dcY = EncodeBlock(_y, lumaOrigin, lumaStride, _lumaReciprocal, dcY, JpegHuffmanTable.LuminanceDc, JpegHuffmanTable.LuminanceAc);
                dcY = EncodeBlock(_y, lumaOrigin + 8, lumaStride, _lumaReciprocal, dcY, JpegHuffmanTable.LuminanceDc, JpegHuffmanTable.LuminanceAc);
                dcY = EncodeBlock(_y, lumaOrigin + 8 * lumaStride, lumaStride, _lumaReciprocal, dcY, JpegHuffmanTable.LuminanceDc, JpegHuffmanTable.LuminanceAc);
                dcY = EncodeBlock(_y, lumaOrigin + 8 * lumaStride + 8, lumaStride, _lumaReciprocal, dcY, JpegHuffmanTable.LuminanceDc, JpegHuffmanTable.LuminanceAc);

                int chromaOrigin = my * 8 * chromaStride + mx * 8;
                dcCb = EncodeBlock(_cb, chromaOrigin, chromaStride, _chromaReciprocal, dcCb, JpegHuffmanTable.ChrominanceDc, JpegHuffmanTable.ChrominanceAc);
                dcCr = EncodeBlock(_cr, chromaOrigin, chromaStride, _chromaReciprocal, dcCr, JpegHuffmanTable.ChrominanceDc, JpegHuffmanTable.ChrominanceAc);
            }
        }
        _output.FlushBits();
    }

    /// <summary>Transforms, quantises and Huffman-codes one 8×8 block; returns its DC for the next prediction.</summary>
    private int EncodeBlock(float[] plane, int origin, int stride, float[] reciprocal, int previousDc,
        JpegHuffmanTable dcTable, JpegHuffmanTable acTable)
    {
        Span<float> block = _block;
        for (int row = 0; row < 8; row++)
            plane.AsSpan(origin + row * stride, 8).CopyTo(block.Slice(row * 8, 8));

        ForwardDct.Transform(block);

        Span<int> q = _quantized;
        for (int i = 0; i < 64; i++)
        {
            // Baseline Huffman tables code magnitudes up to 11 bits for DC differences and 10 for AC;
            // clamping keeps a pathological input from producing an uncodable value.
            q[i] = Math.Clamp((int)MathF.Round(block[i] * reciprocal[i]), -1023, 1023);
        }

        int dc = q[0];
        int diff = dc - previousDc;
        int category = MagnitudeCategory(diff);
        _output.WriteBits(dcTable.Codes[category], dcTable.Lengths[category]);
        if (category > 0) _output.WriteBits(MagnitudeBits(diff, category), category);

        ReadOnlySpan<byte> zigZag = JpegStandardTables.ZigZag;
        int run = 0;
        for (int k = 1; k < 64; k++)
        {
            int value = q[zigZag[k]];
            if (value == 0)
            {
                run++;
                continue;
            }
            while (run > 15)
            {
                _output.WriteBits(acTable.Codes[0xF0], acTable.Lengths[0xF0]); // ZRL: 16 zeros
                run -= 16;
            }
            category = MagnitudeCategory(value);
            int symbol = (run << 4) | category;
            _output.WriteBits(acTable.Codes[symbol], acTable.Lengths[symbol]);
            _output.WriteBits(MagnitudeBits(value, category), category);
            run = 0;
        }
        if (run > 0) _output.WriteBits(acTable.Codes[0x00], acTable.Lengths[0x00]); // EOB
        return dc;
    }

    /// <summary>SSSS of T.81 F.1.2.1: the number of bits needed for |value|.</summary>
    private static int MagnitudeCategory(int value) => value == 0 ? 0 : 32 - BitOperations.LeadingZeroCount((uint)Math.Abs(value));

    /// <summary>Negative values are sent as value − 1 in the low bits (one's complement of |value|).</summary>
    private static uint MagnitudeBits(int value, int category) => (uint)(value < 0 ? value - 1 : value) & ((1u << category) - 1);
}
