namespace GPhotosFs.SampleMedia.Tests;

public class JpegInternalsTests
{
    [Fact]
    public void ZigZag_is_the_T81_scan_order()
    {
        byte[] expectedStart = [0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5];
        byte[] expectedEnd = [58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63];
        Assert.Equal(expectedStart, JpegStandardTables.ZigZag[..16]);
        Assert.Equal(expectedEnd, JpegStandardTables.ZigZag[48..]);
        Assert.Equal(Enumerable.Range(0, 64), JpegStandardTables.ZigZag.Select(b => (int)b).Order());
    }

    [Fact]
    public void Ac_tables_code_every_run_size_symbol_exactly_once()
    {
        // Baseline AC symbols: EOB, ZRL and (run 0–15, size 1–10).
        var expected = new List<int> { 0x00, 0xF0 };
        for (int run = 0; run < 16; run++)
            for (int size = 1; size <= 10; size++)
                expected.Add(run << 4 | size);

        foreach (var table in new[] { JpegHuffmanTable.LuminanceAc, JpegHuffmanTable.ChrominanceAc })
        {
            Assert.Equal(expected.Order(), table.Values.Select(v => (int)v).Order());
            Assert.All(expected, symbol => Assert.InRange(table.Lengths[symbol], 1, 16));
        }
        foreach (var table in new[] { JpegHuffmanTable.LuminanceDc, JpegHuffmanTable.ChrominanceDc })
            Assert.All(Enumerable.Range(0, 12), category => Assert.InRange(table.Lengths[category], 1, 16));
    }

    [Fact]
    public void Huffman_codes_are_prefix_free()
    {
        foreach (var table in new[] { JpegHuffmanTable.LuminanceDc, JpegHuffmanTable.LuminanceAc, JpegHuffmanTable.ChrominanceDc, JpegHuffmanTable.ChrominanceAc })
        {
            var codes = table.Values.Select(s => (Code: (int)table.Codes[s], Length: (int)table.Lengths[s])).ToList();
            foreach (var a in codes)
                foreach (var b in codes)
                    if (a != b && a.Length <= b.Length)
                        Assert.NotEqual(a.Code, b.Code >> (b.Length - a.Length));
            // Annex C: the all-ones code of any length is reserved.
            Assert.DoesNotContain(codes, c => c.Code == (1 << c.Length) - 1);
        }
    }

    [Fact]
    public void Known_standard_codes()
    {
        // T.81 Table K.3: luminance DC category 0 is "00", category 11 is "111111110".
        Assert.Equal((0, 2), ((int)JpegHuffmanTable.LuminanceDc.Codes[0], (int)JpegHuffmanTable.LuminanceDc.Lengths[0]));
        Assert.Equal((0b111111110, 9), ((int)JpegHuffmanTable.LuminanceDc.Codes[11], (int)JpegHuffmanTable.LuminanceDc.Lengths[11]));
        // Table K.5: EOB is "1010", ZRL is "11111111001".
        Assert.Equal((0b1010, 4), ((int)JpegHuffmanTable.LuminanceAc.Codes[0x00], (int)JpegHuffmanTable.LuminanceAc.Lengths[0x00]));
        Assert.Equal((0b11111111001, 11), ((int)JpegHuffmanTable.LuminanceAc.Codes[0xF0], (int)JpegHuffmanTable.LuminanceAc.Lengths[0xF0]));
    }

    [Theory]
    [InlineData(50, 16, 99)]
    [InlineData(100, 1, 1)]
    [InlineData(90, 3, 20)]   // scale 20: (16·20 + 50) / 100 = 3, (99·20 + 50) / 100 = 20
    [InlineData(1, 255, 255)] // scale 5000 clamps to the 8-bit maximum
    public void Quality_scaling_follows_the_IJG_rule(int quality, int firstLuma, int lastLuma)
    {
        Span<byte> luma = stackalloc byte[64];
        JpegStandardTables.ScaleQuantization(JpegStandardTables.LuminanceQuantization, quality, luma);
        Assert.Equal(firstLuma, luma[0]);
        Assert.Equal(lastLuma, luma[63]);
    }

    [Fact]
    public void Dct_matches_the_T81_definition()
    {
        var random = new Random(3);
        var samples = Enumerable.Range(0, 64).Select(_ => (float)random.Next(-128, 128)).ToArray();
        var block = samples.ToArray();
        ForwardDct.Transform(block);

        for (int v = 0; v < 8; v++)
            for (int u = 0; u < 8; u++)
            {
                double sum = 0;
                for (int y = 0; y < 8; y++)
                    for (int x = 0; x < 8; x++)
                        sum += samples[y * 8 + x] * Math.Cos((2 * x + 1) * u * Math.PI / 16) * Math.Cos((2 * y + 1) * v * Math.PI / 16);
                double cu = u == 0 ? Math.Sqrt(0.5) : 1, cv = v == 0 ? Math.Sqrt(0.5) : 1;
                Assert.Equal(0.25 * cu * cv * sum, block[v * 8 + u], 0.01); // float vs double arithmetic
            }
    }

    [Fact]
    public void Dct_of_a_flat_block_is_pure_dc()
    {
        var block = Enumerable.Repeat(10f, 64).ToArray();
        ForwardDct.Transform(block);
        Assert.Equal(80f, block[0], 3);
        Assert.All(block[1..], c => Assert.Equal(0f, c, 3));
    }
}
