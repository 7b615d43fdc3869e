using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using GPhotosFs.IO;

namespace GPhotosFs.Takeout.Archives;

/// <summary>A tar header that cannot be a header (checksum, impossible values): the archive is damaged at that point.</summary>
internal sealed class TarHeaderException(string message) : IOException(message);

/// <summary>One member header of a tar stream as <see cref="TarStreamReader"/> read it.</summary>
internal sealed record TarHeader(string Name, char Type, long Size, DateTimeOffset? Modified, long DataOffset)
{
    public bool IsRegularFile => Type is '0' or '\0' or '7';

    public bool IsLink => Type is '1' or '2';

    public bool IsDirectory => Type == '5';
}

/// <summary>
/// A forward-only reader of tar headers (ustar, PAX extended headers, GNU long names) over a
/// decompressed stream, checking every header's checksum. System.Formats.Tar is not used for
/// the scan: it refuses PAX records whose value holds a newline (a legal file name, which
/// Takeout writes that way) and takes a damaged header for the end of the archive. Here a header
/// that is not all zeros and fails its checksum, or holds impossible values, is an error naming
/// the member before it; the end is two zero blocks.
/// </summary>
internal sealed class TarStreamReader(Stream stream)
{
    private const int Block = 512;
    private const int MaxExtendedHeader = 1 << 20;
    private readonly byte[] _header = new byte[Block];
    private long _position;
    private long _pendingData;

    /// <summary>Bytes consumed from the stream so far (the data offset of the member just returned, until its data is read).</summary>
    public long Position => _position;

    /// <summary>True once the end-of-archive block was read.</summary>
    public bool SawEndMarker { get; private set; }

    /// <summary>The next member's header, positioned at its data; null at the end-of-archive marker or the stream's end.</summary>
    /// <exception cref="TarHeaderException">A damaged header.</exception>
    /// <exception cref="EndOfStreamException">The stream ends inside a header or a member.</exception>
    public TarHeader? Next()
    {
        SkipRest();
        string? longName = null;
        Dictionary<string, string>? pax = null;
        while (true)
        {
            var n = stream.ReadAtLeast(_header, Block, throwOnEndOfStream: false);
            _position += n;
            if (n == 0)
            {
                return null; // no end marker: the caller decides what that means
            }

            if (n < Block)
            {
                throw new EndOfStreamException();
            }

            if (!_header.AsSpan().ContainsAnyExcept((byte)0))
            {
                SawEndMarker = true;
                return null;
            }

            if (!ChecksumMatches())
            {
                throw new TarHeaderException("header checksum mismatch");
            }

            var type = (char)_header[156];
            var size = ParseNumber(_header.AsSpan(124, 12));
            if (size < 0)
            {
                throw new TarHeaderException("header with an impossible size");
            }

            if (type is 'x' or 'g' or 'L' or 'K')
            {
                if (size > MaxExtendedHeader)
                {
                    throw new TarHeaderException("extended header larger than 1 MiB");
                }

                var data = ReadPadded((int)size);
                if (type == 'x')
                {
                    pax = ParsePax(data);
                }
                else if (type == 'L')
                {
                    longName = Encoding.UTF8.GetString(data).TrimEnd('\0');
                }

                continue;
            }

            var name = longName ?? HeaderName();
            DateTimeOffset? modified = ParseNumber(_header.AsSpan(136, 12)) is var seconds and >= 0 and < 253402300799 ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
            if (pax is not null)
            {
                if (pax.TryGetValue("path", out var path))
                {
                    name = path;
                }

                if (pax.TryGetValue("size", out var paxSize))
                {
                    size = long.TryParse(paxSize, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : throw new TarHeaderException("extended header with an impossible size");
                }

                if (pax.TryGetValue("mtime", out var mtime) && double.TryParse(mtime, NumberStyles.Float, CultureInfo.InvariantCulture, out var m) && m is >= -62135596800 and < 253402300799)
                {
                    modified = DateTimeOffset.FromUnixTimeMilliseconds((long)(m * 1000));
                }
            }

            _pendingData = type is '1' or '2' or '5' ? 0 : size;
            return new TarHeader(name, type, _pendingData, modified, _position);
        }
    }

    /// <summary>The data of the member just returned, at most its size; reading past it returns 0.</summary>
    public int ReadData(Span<byte> buffer)
    {
        if (_pendingData <= 0 || buffer.IsEmpty)
        {
            return 0;
        }

        var n = stream.Read(buffer[..(int)Math.Min(buffer.Length, _pendingData)]);
        if (n == 0)
        {
            throw new EndOfStreamException();
        }

        _pendingData -= n;
        _position += n;
        if (_pendingData == 0)
        {
            SkipPadding();
        }

        return n;
    }

    /// <summary>The data of the member just returned as a stream (not owned: disposing it does nothing).</summary>
    public Stream Data => new MemberData(this);

    private void SkipRest()
    {
        var scratch = new byte[1 << 16];
        while (_pendingData > 0)
        {
            ReadData(scratch);
        }
    }

    private void SkipPadding()
    {
        var padding = (int)((Block - (_position % Block)) % Block);
        if (padding > 0)
        {
            Span<byte> pad = stackalloc byte[Block];
            stream.ReadExactly(pad[..padding]);
            _position += padding;
        }
    }

    private byte[] ReadPadded(int size)
    {
        var data = new byte[size];
        stream.ReadExactly(data);
        _position += size;
        SkipPadding();
        return data;
    }

    private bool ChecksumMatches()
    {
        var stored = ParseNumber(_header.AsSpan(148, 8));
        long unsigned = 0, signed = 0;
        for (var i = 0; i < Block; i++)
        {
            var b = i is >= 148 and < 156 ? (byte)' ' : _header[i];
            unsigned += b;
            signed += (sbyte)b;
        }

        return stored == unsigned || stored == signed;
    }

    private string HeaderName()
    {
        var name = CString(_header.AsSpan(0, 100));
        if (_header.AsSpan(257, 5).SequenceEqual("ustar"u8) && CString(_header.AsSpan(345, 155)) is { Length: > 0 } prefix)
        {
            name = prefix + "/" + name;
        }

        return name;
    }

    private static string CString(ReadOnlySpan<byte> field)
    {
        var end = field.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? field : field[..end]);
    }

    /// <summary>An octal field (NUL/space padded) or GNU base-256 (high bit set); -1 when it is neither.</summary>
    private static long ParseNumber(ReadOnlySpan<byte> field)
    {
        if (field.Length > 0 && (field[0] & 0x80) != 0)
        {
            if ((field[0] & 0x40) != 0 || field.Length > 9 && field[1..^8].ContainsAnyExcept((byte)0))
            {
                return -1;
            }

            return (long)(BinaryPrimitives.ReadUInt64BigEndian(field[^8..]) & long.MaxValue);
        }

        long value = 0;
        var digits = 0;
        foreach (var b in field)
        {
            if (b is (byte)' ' or 0)
            {
                if (digits > 0)
                {
                    break;
                }

                continue;
            }

            if (b is < (byte)'0' or > (byte)'7' || digits >= 21)
            {
                return -1;
            }

            value = value * 8 + (b - '0');
            digits++;
        }

        return value;
    }

    /// <summary>PAX records: "LEN key=value\n", LEN counting the whole record, so a value may hold newlines.</summary>
    private static Dictionary<string, string> ParsePax(byte[] data)
    {
        var records = new Dictionary<string, string>(StringComparer.Ordinal);
        var at = 0;
        while (at < data.Length && data[at] != 0)
        {
            var space = Array.IndexOf(data, (byte)' ', at);
            if (space < 0 || !int.TryParse(data.AsSpan(at, space - at), NumberStyles.None, CultureInfo.InvariantCulture, out var length)
                || length <= space - at + 1 || at + length > data.Length || data[at + length - 1] != '\n')
            {
                throw new TarHeaderException("damaged extended header record");
            }

            var record = data.AsSpan(space + 1, at + length - space - 2);
            var equals = record.IndexOf((byte)'=');
            if (equals <= 0)
            {
                throw new TarHeaderException("damaged extended header record");
            }

            records[Encoding.UTF8.GetString(record[..equals])] = Encoding.UTF8.GetString(record[(equals + 1)..]);
            at += length;
        }

        return records;
    }

    private sealed class MemberData(TarStreamReader reader) : ReadOnlyStream
    {
        public override int Read(Span<byte> buffer) => reader.ReadData(buffer);
    }
}
