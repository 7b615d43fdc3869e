using GPhotosFs.Takeout.Archives;
using GPhotosFs.Takeout.Samples;

namespace GPhotosFs.Takeout.Tests;

/// <summary>Randomly damaged parts never crash a scan: they end in a named error or warnings, never an unexpected exception.</summary>
public sealed class DamagedPartTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_tar_header_whose_extended_attribute_block_claims_too_much_is_a_named_error()
    {
        // Seen once in the random damage above: System.Formats.Tar throws InvalidOperationException
        // for an oversized PAX block. Built here on purpose, so it is checked on every run.
        var tar = new MemoryStream();
        using (var writer = new System.Formats.Tar.TarWriter(tar, System.Formats.Tar.TarEntryFormat.Pax, leaveOpen: true))
        {
            var entry = new System.Formats.Tar.PaxTarEntry(System.Formats.Tar.TarEntryType.RegularFile, "Takeout/Google Photos/a.jpg",
                new Dictionary<string, string> { ["comment"] = "x" }) { DataStream = new MemoryStream(new byte[100]) };
            writer.WriteEntry(entry);
        }

        var bytes = tar.ToArray();
        // The first header is the PAX 'x' block: its size field (offset 124, 12 octal digits) now claims 8 GiB.
        System.Text.Encoding.ASCII.GetBytes("77777777777\0").CopyTo(bytes, 124);
        var checksum = 0;
        for (var i = 0; i < 512; i++)
        {
            checksum += i is >= 148 and < 156 ? ' ' : bytes[i];
        }

        System.Text.Encoding.ASCII.GetBytes(Convert.ToString(checksum, 8).PadLeft(6, '0') + "\0 ").CopyTo(bytes, 148);
        var part = Path.Combine(_temp.Path, "takeout-pax-001.tgz");
        using (var file = File.Create(part))
        using (var gzip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.Fastest))
        {
            gzip.Write(bytes);
        }

        var scan = PartReader.Scan(part, "p", PartKind.TarGzip, new IndexCounters());

        Assert.NotNull(scan.Error);
        Assert.StartsWith("takeout-pax-001.tgz", scan.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zip")]
    [InlineData("tgz")]
    public void RandomTruncationsAndBitFlipsAreHandled(string format)
    {
        var members = SampleTakeout.OlderShowcase();
        var part = format == "zip"
            ? TakeoutExportWriter.WriteZip(_temp.Path, "fuzz", members, 1, deflate: false, deflateMember: m => m.Path.EndsWith(".json", StringComparison.Ordinal))[0]
            : TakeoutExportWriter.WriteTgz(_temp.Path, "fuzz", members, 1)[0];
        var original = File.ReadAllBytes(part);
        var random = new Random(1234);
        var errors = 0;
        for (var round = 0; round < 60; round++)
        {
            var damaged = (byte[])original.Clone();
            if (round % 3 == 0)
            {
                damaged = damaged[..random.Next(damaged.Length)];
            }
            else
            {
                // Damage the tail (the zip directory) or anywhere (the tar stream).
                var from = format == "zip" && round % 2 == 0 ? Math.Max(0, damaged.Length - 4096) : 0;
                for (var i = 0; i < 8; i++)
                {
                    damaged[random.Next(from, damaged.Length)] ^= (byte)random.Next(1, 256);
                }
            }

            File.WriteAllBytes(part, damaged);
            var scan = PartReader.Scan(part, "p", format == "zip" ? PartKind.Zip : PartKind.TarGzip, new IndexCounters());
            if (scan.Error is not null)
            {
                errors++;
                Assert.StartsWith("fuzz-001.", scan.Error, StringComparison.Ordinal);
            }

            Assert.All(scan.Entries, e => Assert.DoesNotContain("..", e.Path.Split('/')));
        }

        Assert.True(errors > 10, $"only {errors} of 60 damaged parts were reported");
    }
}
