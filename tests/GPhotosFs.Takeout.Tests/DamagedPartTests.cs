using GPhotosFs.Takeout.Archives;
using GPhotosFs.Takeout.Samples;

namespace GPhotosFs.Takeout.Tests;

/// <summary>Randomly damaged parts never crash a scan: they end in a named error or warnings, never an unexpected exception.</summary>
public sealed class DamagedPartTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

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
