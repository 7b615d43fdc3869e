using System.Buffers.Binary;

namespace GPhotosFs.SampleMedia;

/// <summary>
/// Writes QuickTime atoms (big-endian size + four-character type + payload) into a growable buffer.
/// Nesting is by <see cref="Begin"/>/<see cref="End"/>: the size is patched when the atom closes, so
/// callers never compute atom sizes by hand — the usual source of broken movie files.
/// </summary>
internal sealed class QuickTimeAtomWriter(int initialCapacity = 4096)
{
    private byte[] _buffer = new byte[Math.Max(64, initialCapacity)];
    private int _length;

    public int Position => _length;

    /// <summary>Opens an atom and returns its start, to be passed to <see cref="End"/>.</summary>
    public int Begin(ReadOnlySpan<byte> type)
    {
        if (type.Length != 4) throw new ArgumentException("Atom types are four bytes.", nameof(type));
        int start = _length;
        UInt32(0); // size placeholder
        Bytes(type);
        return start;
    }

    /// <summary>Opens a "full atom": type followed by a version byte and 24 bits of flags.</summary>
    public int BeginFull(ReadOnlySpan<byte> type, byte version, int flags)
    {
        int start = Begin(type);
        UInt32(((uint)version << 24) | ((uint)flags & 0xFFFFFF));
        return start;
    }

    public void End(int start) => BinaryPrimitives.WriteUInt32BigEndian(_buffer.AsSpan(start), checked((uint)(_length - start)));

    public void UInt8(byte value)
    {
        Ensure(1);
        _buffer[_length++] = value;
    }

    public void UInt16(int value)
    {
        Ensure(2);
        BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(_length), unchecked((ushort)value));
        _length += 2;
    }

    public void UInt32(uint value)
    {
        Ensure(4);
        BinaryPrimitives.WriteUInt32BigEndian(_buffer.AsSpan(_length), value);
        _length += 4;
    }

    /// <summary>16.16 fixed point, as used for rates, dimensions and resolutions.</summary>
    public void Fixed16_16(double value) => UInt32(unchecked((uint)(int)Math.Round(value * 65536)));

    public void Zeros(int count)
    {
        Ensure(count);
        _buffer.AsSpan(_length, count).Clear();
        _length += count;
    }

    public void Bytes(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    /// <summary>Overwrites a big-endian 32-bit value written earlier (e.g. a chunk offset).</summary>
    public void PatchUInt32(int position, uint value) => BinaryPrimitives.WriteUInt32BigEndian(_buffer.AsSpan(position), value);

    public byte[] ToArray() => _buffer.AsSpan(0, _length).ToArray();

    private void Ensure(int count)
    {
        if (_length + count <= _buffer.Length) return;
        long wanted = Math.Max((long)_buffer.Length * 2, (long)_length + count);
        if (wanted > Array.MaxLength) throw new InvalidOperationException("Movie too large for a byte array.");
        Array.Resize(ref _buffer, (int)wanted);
    }
}
