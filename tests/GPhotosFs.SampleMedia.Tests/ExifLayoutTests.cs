using GPhotosFs.SampleMedia.Tests.Support;

namespace GPhotosFs.SampleMedia.Tests;

/// <summary>TIFF rules that lenient readers forgive but strict ones (and cameras' own firmware) do not.</summary>
public class ExifLayoutTests
{
    private static byte[] Payload(GpsLocation? gps = null, string? description = null) => ExifBuilder.Create(new ExifMetadata
    {
        CameraMake = "Make", CameraModel = "Model with an odd length", CaptureTime = new DateTimeOffset(2024, 2, 29, 6, 7, 8, TimeSpan.Zero),
        PixelWidth = 4032, PixelHeight = 3024, Gps = gps, Description = description,
    });

    [Fact]
    public void Payload_starts_with_the_exif_and_little_endian_tiff_headers()
    {
        byte[] payload = Payload();
        Assert.Equal("Exif\0\0II*\0\x08\0\0\0"u8.ToArray(), payload[..14]);
    }

    [Theory]
    [InlineData(false, null)]
    [InlineData(true, "odd")]
    [InlineData(true, "even")]
    public void Ifds_are_sorted_aligned_in_bounds_and_counted(bool withGps, string? description)
    {
        byte[] payload = Payload(withGps ? new GpsLocation(1.5, -2.25, 3) : null, description);
        ReadOnlySpan<byte> tiff = payload.AsSpan(6);

        var ifd0 = TiffEntries.ReadIfd(tiff, 8);
        int exifOffset = (int)ifd0.Single(e => e.Tag == 0x8769).ValueOrOffset;
        var ifds = new List<(int Offset, List<TiffEntry> Entries)> { (8, ifd0), (exifOffset, TiffEntries.ReadIfd(tiff, exifOffset)) };
        var gpsPointer = ifd0.SingleOrDefault(e => e.Tag == 0x8825);
        Assert.Equal(withGps, gpsPointer is not null);
        if (gpsPointer is not null) ifds.Add(((int)gpsPointer.ValueOrOffset, TiffEntries.ReadIfd(tiff, (int)gpsPointer.ValueOrOffset)));

        var used = new List<(int Start, int End)>();
        foreach (var (offset, entries) in ifds)
        {
            Assert.Equal(0, offset % 2);
            Assert.Equal(0u, TiffEntries.NextIfdOffset(tiff, offset)); // no thumbnail IFD
            Assert.Equal(entries.Select(e => e.Tag).Order(), entries.Select(e => e.Tag)); // ascending
            used.Add((offset, offset + 2 + 12 * entries.Count + 4));
            foreach (var e in entries)
            {
                int size = TiffEntries.TypeSize(e.Type) * (int)e.Count;
                if (e.Type == 2) Assert.Equal(0, tiff[ValueStart(e, size) + size - 1]); // ASCII is NUL-terminated within its count
                if (size <= 4) continue;
                Assert.Equal(0u, e.ValueOrOffset % 2);
                Assert.InRange((int)e.ValueOrOffset + size, 0, tiff.Length);
                used.Add(((int)e.ValueOrOffset, (int)e.ValueOrOffset + size));
            }
        }

        // Nothing overlaps, and the block holds nothing but the header, IFDs and their values (+ pad bytes).
        used.Sort();
        for (int i = 1; i < used.Count; i++) Assert.True(used[i - 1].End <= used[i].Start, $"overlap at {used[i].Start}");
        Assert.InRange(tiff.Length - used[^1].End, 0, 1);
    }

    [Fact]
    public void Gps_coordinates_are_degrees_minutes_seconds_rationals()
    {
        // 12.5° = 12° 30' 0"; -0.9999999° must carry to 1° 0' 0", not "60 seconds".
        byte[] payload = Payload(new GpsLocation(12.5, -0.99999999));
        ReadOnlySpan<byte> tiff = payload.AsSpan(6);
        int gpsOffset = (int)TiffEntries.ReadIfd(tiff, 8).Single(e => e.Tag == 0x8825).ValueOrOffset;
        var gps = TiffEntries.ReadIfd(tiff, gpsOffset);

        Assert.Equal([(12u, 1u), (30u, 1u), (0u, 10_000u)], Rationals(tiff, gps.Single(e => e.Tag == 2)));
        Assert.Equal([(1u, 1u), (0u, 1u), (0u, 10_000u)], Rationals(tiff, gps.Single(e => e.Tag == 4)));
        Assert.Equal((byte)'W', tiff[ValueStart(gps.Single(e => e.Tag == 3), 2)]);
    }

    [Fact]
    public void Builder_reuse_does_not_leak_previous_fields()
    {
        var builder = new ExifBuilder();
        builder.Build(new ExifMetadata
        {
            CameraMake = "A", CameraModel = "B", CaptureTime = DateTimeOffset.UnixEpoch, PixelWidth = 1, PixelHeight = 1,
            Gps = new GpsLocation(1, 1), Description = "first",
        });
        byte[] second = builder.Build(new ExifMetadata { CameraMake = "A", CameraModel = "B", CaptureTime = DateTimeOffset.UnixEpoch, PixelWidth = 1, PixelHeight = 1 }).ToArray();
        byte[] fresh = ExifBuilder.Create(new ExifMetadata { CameraMake = "A", CameraModel = "B", CaptureTime = DateTimeOffset.UnixEpoch, PixelWidth = 1, PixelHeight = 1 });
        Assert.Equal(fresh, second);
    }

    [Fact]
    public void Invalid_positions_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Payload(new GpsLocation(91, 0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Payload(new GpsLocation(0, -180.5)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Payload(new GpsLocation(double.NaN, 0)));
    }

    private static int ValueStart(TiffEntry e, int size) => size <= 4 ? e.EntryOffset + 8 : (int)e.ValueOrOffset;

    private static (uint, uint)[] Rationals(ReadOnlySpan<byte> tiff, TiffEntry e)
    {
        Assert.Equal(5, e.Type);
        var result = new (uint, uint)[e.Count];
        for (int i = 0; i < result.Length; i++)
        {
            int at = (int)e.ValueOrOffset + 8 * i;
            result[i] = (System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(tiff[at..]),
                         System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(tiff[(at + 4)..]));
        }
        return result;
    }
}
