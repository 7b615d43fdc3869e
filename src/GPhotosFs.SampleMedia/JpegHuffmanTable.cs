namespace GPhotosFs.SampleMedia;

/// <summary>
/// An encoder-side Huffman table: the canonical code and length for every symbol, derived from the
/// BITS/HUFFVAL lists the same way a decoder derives them from the DHT segment (T.81 Annex C), so what
/// we emit is exactly what the decoder expects.
/// </summary>
internal sealed class JpegHuffmanTable
{
    public static readonly JpegHuffmanTable LuminanceDc = new(JpegStandardTables.LuminanceDcBits, JpegStandardTables.LuminanceDcValues);
    public static readonly JpegHuffmanTable LuminanceAc = new(JpegStandardTables.LuminanceAcBits, JpegStandardTables.LuminanceAcValues);
    public static readonly JpegHuffmanTable ChrominanceDc = new(JpegStandardTables.ChrominanceDcBits, JpegStandardTables.ChrominanceDcValues);
    public static readonly JpegHuffmanTable ChrominanceAc = new(JpegStandardTables.ChrominanceAcBits, JpegStandardTables.ChrominanceAcValues);

    /// <summary>Code bits per symbol (right-aligned); valid only where <see cref="Lengths"/> is non-zero.</summary>
    public readonly ushort[] Codes = new ushort[256];

    /// <summary>Code length in bits per symbol; 0 means the symbol has no code.</summary>
    public readonly byte[] Lengths = new byte[256];

    public byte[] Bits { get; }
    public byte[] Values { get; }

    public JpegHuffmanTable(ReadOnlySpan<byte> bits, ReadOnlySpan<byte> values)
    {
        if (bits.Length != 16) throw new ArgumentException("BITS must have 16 entries.", nameof(bits));
        Bits = bits.ToArray();
        Values = values.ToArray();

        // Canonical assignment: codes of each length are consecutive; moving to the next length
        // appends a zero bit (code <<= 1).
        int code = 0, k = 0;
        for (int length = 1; length <= 16; length++)
        {
            for (int i = 0; i < bits[length - 1]; i++)
            {
                byte symbol = values[k++];
                if (Lengths[symbol] != 0) throw new ArgumentException($"Symbol 0x{symbol:X2} appears twice.", nameof(values));
                Codes[symbol] = (ushort)code;
                Lengths[symbol] = (byte)length;
                code++;
            }
            // A code made only of 1-bits would collide with marker prefixes; T.81 forbids it.
            if (code >= 1 << length) throw new ArgumentException("BITS over-subscribe the code space.", nameof(bits));
            code <<= 1;
        }
        if (k != values.Length) throw new ArgumentException("BITS and HUFFVAL disagree on the symbol count.", nameof(values));
    }
}
