using System.Buffers.Binary;

namespace GPhotosFs.SampleMedia;

/// <summary>TIFF 6.0 field types used by EXIF.</summary>
internal enum TiffType : ushort
{
    Byte = 1,
    Ascii = 2,
    Short = 3,
    Long = 4,
    Rational = 5,
    Undefined = 7,
}

/// <summary>
/// Collects the entries of one little-endian TIFF IFD and lays it out: the entry table (sorted by tag,
/// as TIFF requires), a zero next-IFD link, then the values that do not fit the 4-byte value field,
/// each starting on an even offset (TIFF's word alignment). Reused between builds to avoid garbage.
/// </summary>
internal sealed class TiffIfdBuilder
{
    private readonly List<Entry> _entries = [];
    private byte[] _values = new byte[256];
    private int _valuesLength;

    /// <summary>Bytes this IFD occupies: entry count, entries, next-IFD link, then out-of-line values.</summary>
    public int Size => TableSize + AlignedValuesLength;

    private int TableSize => 2 + 12 * _entries.Count + 4;

    // Every out-of-line value is padded to even length, so this sum is even too.
    private int AlignedValuesLength
    {
        get
        {
            int total = 0;
            foreach (var e in _entries)
                if (e.Length > 4) total += (e.Length + 1) & ~1;
            return total;
        }
    }

    public void Clear()
    {
        _entries.Clear();
        _valuesLength = 0;
    }

    /// <summary>ASCII field: the bytes plus the terminating NUL that TIFF counts.</summary>
    public void AddAscii(ushort tag, ReadOnlySpan<byte> text)
    {
        Span<byte> value = Reserve(tag, TiffType.Ascii, text.Length + 1, (uint)text.Length + 1);
        text.CopyTo(value);
        value[^1] = 0;
    }

    public void AddBytes(ushort tag, TiffType type, ReadOnlySpan<byte> bytes) =>
        bytes.CopyTo(Reserve(tag, type, bytes.Length, (uint)bytes.Length));

    public void AddShort(ushort tag, ushort value) =>
        BinaryPrimitives.WriteUInt16LittleEndian(Reserve(tag, TiffType.Short, 2, 1), value);

    public void AddLong(ushort tag, uint value) =>
        BinaryPrimitives.WriteUInt32LittleEndian(Reserve(tag, TiffType.Long, 4, 1), value);

    public void AddRationals(ushort tag, ReadOnlySpan<(uint Numerator, uint Denominator)> values)
    {
        Span<byte> value = Reserve(tag, TiffType.Rational, 8 * values.Length, (uint)values.Length);
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(value[(8 * i)..], values[i].Numerator);
            BinaryPrimitives.WriteUInt32LittleEndian(value[(8 * i + 4)..], values[i].Denominator);
        }
    }

    /// <summary>Overwrites an existing LONG entry, used for sub-IFD pointers once the layout is known.</summary>
    public void SetLong(ushort tag, uint value)
    {
        foreach (var e in _entries)
        {
            if (e.Tag != tag) continue;
            if (e.Type != TiffType.Long || e.Count != 1) throw new InvalidOperationException($"Tag 0x{tag:X4} is not a single LONG.");
            BinaryPrimitives.WriteUInt32LittleEndian(_values.AsSpan(e.ValueStart), value);
            return;
        }
        throw new InvalidOperationException($"Tag 0x{tag:X4} was not added.");
    }

    /// <summary>Writes the IFD at <paramref name="ifdOffset"/> of <paramref name="tiff"/> (offsets are relative to the TIFF header).</summary>
    public void WriteTo(Span<byte> tiff, int ifdOffset)
    {
        if ((ifdOffset & 1) != 0) throw new ArgumentException("IFDs must start on a word boundary.", nameof(ifdOffset));
        _entries.Sort(static (a, b) => a.Tag.CompareTo(b.Tag));

        Span<byte> ifd = tiff.Slice(ifdOffset, Size);
        BinaryPrimitives.WriteUInt16LittleEndian(ifd, (ushort)_entries.Count);
        int outOfLine = TableSize;
        for (int i = 0; i < _entries.Count; i++)
        {
            Entry e = _entries[i];
            Span<byte> slot = ifd.Slice(2 + 12 * i, 12);
            BinaryPrimitives.WriteUInt16LittleEndian(slot, e.Tag);
            BinaryPrimitives.WriteUInt16LittleEndian(slot[2..], (ushort)e.Type);
            BinaryPrimitives.WriteUInt32LittleEndian(slot[4..], e.Count);
            ReadOnlySpan<byte> value = _values.AsSpan(e.ValueStart, e.Length);
            if (e.Length <= 4)
            {
                // Values of up to 4 bytes live in the entry itself, left-justified, rest zero.
                slot[8..].Clear();
                value.CopyTo(slot[8..]);
            }
            else
            {
                BinaryPrimitives.WriteUInt32LittleEndian(slot[8..], (uint)(ifdOffset + outOfLine));
                value.CopyTo(ifd[outOfLine..]);
                if ((e.Length & 1) != 0) ifd[outOfLine + e.Length] = 0;
                outOfLine += (e.Length + 1) & ~1;
            }
        }
        BinaryPrimitives.WriteUInt32LittleEndian(ifd[(TableSize - 4)..], 0); // no next IFD
    }

    private Span<byte> Reserve(ushort tag, TiffType type, int length, uint count)
    {
        foreach (var e in _entries)
            if (e.Tag == tag) throw new InvalidOperationException($"Tag 0x{tag:X4} added twice.");
        if (_valuesLength + length > _values.Length)
            Array.Resize(ref _values, Math.Max(_values.Length * 2, _valuesLength + length));
        _entries.Add(new Entry(tag, type, count, _valuesLength, length));
        _valuesLength += length;
        return _values.AsSpan(_valuesLength - length, length);
    }

    private readonly record struct Entry(ushort Tag, TiffType Type, uint Count, int ValueStart, int Length);
}
