using System.Buffers.Binary;

namespace GPhotosFs.SampleMedia.Tests.Support;

/// <summary>A raw IFD entry as stored: tag, type, count and the 4-byte value/offset field.</summary>
internal sealed record TiffEntry(ushort Tag, ushort Type, uint Count, uint ValueOrOffset, int EntryOffset);

/// <summary>Reads the IFDs of a little-endian TIFF block directly, to check layout rules readers rely on.</summary>
internal static class TiffEntries
{
    public static List<TiffEntry> ReadIfd(ReadOnlySpan<byte> tiff, int offset)
    {
        Assert.True(offset >= 8 && offset + 2 <= tiff.Length, $"IFD offset {offset} out of range");
        int count = BinaryPrimitives.ReadUInt16LittleEndian(tiff[offset..]);
        var entries = new List<TiffEntry>();
        for (int i = 0; i < count; i++)
        {
            int e = offset + 2 + 12 * i;
            entries.Add(new TiffEntry(
                BinaryPrimitives.ReadUInt16LittleEndian(tiff[e..]),
                BinaryPrimitives.ReadUInt16LittleEndian(tiff[(e + 2)..]),
                BinaryPrimitives.ReadUInt32LittleEndian(tiff[(e + 4)..]),
                BinaryPrimitives.ReadUInt32LittleEndian(tiff[(e + 8)..]),
                e));
        }
        return entries;
    }

    public static uint NextIfdOffset(ReadOnlySpan<byte> tiff, int offset)
    {
        int count = BinaryPrimitives.ReadUInt16LittleEndian(tiff[offset..]);
        return BinaryPrimitives.ReadUInt32LittleEndian(tiff[(offset + 2 + 12 * count)..]);
    }

    /// <summary>Size in bytes of one value of a TIFF type.</summary>
    public static int TypeSize(ushort type) => type switch
    {
        1 or 2 or 6 or 7 => 1,
        3 or 8 => 2,
        4 or 9 or 11 => 4,
        5 or 10 or 12 => 8,
        _ => throw new InvalidOperationException($"unknown TIFF type {type}"),
    };
}
