using System.Buffers.Binary;

namespace GPhotosFs.SampleMedia;

/// <summary>
/// A growable output buffer that is kept and reused across encodes (so generating 100,000 photos does
/// not allocate 100,000 scratch buffers), with the two ways JPEG writes bytes: whole marker segments,
/// and the Huffman-coded bit stream with its 0xFF byte stuffing.
/// </summary>
internal sealed class JpegOutputBuffer
{
    private byte[] _buffer = new byte[16 * 1024];
    private int _length;

    // Bits not yet emitted as whole bytes sit in the low _bitCount bits of _bitAccumulator.
    private ulong _bitAccumulator;
    private int _bitCount;

    public void Reset()
    {
        _length = 0;
        _bitAccumulator = 0;
        _bitCount = 0;
    }

    /// <summary>Makes room for at least <paramref name="count"/> more bytes.</summary>
    public void EnsureCapacity(int count)
    {
        if (_length + count <= _buffer.Length) return;
        long wanted = Math.Max((long)_buffer.Length * 2, (long)_length + count);
        Array.Resize(ref _buffer, (int)Math.Min(wanted, Array.MaxLength));
    }

    public void WriteByte(byte value)
    {
        EnsureCapacity(1);
        _buffer[_length++] = value;
    }

    public void WriteUInt16BigEndian(int value)
    {
        EnsureCapacity(2);
        BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(_length), checked((ushort)value));
        _length += 2;
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        EnsureCapacity(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    public void WriteMarker(byte marker)
    {
        WriteByte(0xFF);
        WriteByte(marker);
    }

    /// <summary>
    /// Appends the low <paramref name="count"/> bits of <paramref name="bits"/> (MSB first) to the
    /// entropy-coded stream. Every 0xFF data byte is followed by a stuffed 0x00 so a decoder never
    /// mistakes it for a marker (T.81 F.1.2.3). The caller guarantees capacity (see EnsureCapacity):
    /// this is the innermost loop of the encoder.
    /// </summary>
    public void WriteBits(uint bits, int count)
    {
        _bitAccumulator = (_bitAccumulator << count) | (bits & ((1u << count) - 1));
        _bitCount += count;
        while (_bitCount >= 8)
        {
            _bitCount -= 8;
            byte b = (byte)(_bitAccumulator >> _bitCount);
            _buffer[_length++] = b;
            if (b == 0xFF) _buffer[_length++] = 0x00;
        }
    }

    /// <summary>Pads the last partial byte with 1-bits, as T.81 F.1.2.3 requires before a marker.</summary>
    public void FlushBits()
    {
        EnsureCapacity(2);
        if (_bitCount > 0) WriteBits((1u << (8 - _bitCount)) - 1, 8 - _bitCount);
    }

    public byte[] ToArray() => _buffer.AsSpan(0, _length).ToArray();
}
