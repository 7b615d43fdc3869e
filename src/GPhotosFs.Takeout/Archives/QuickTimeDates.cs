using System.Buffers.Binary;

namespace GPhotosFs.Takeout.Archives;

/// <summary>
/// The creation time a QuickTime/MP4 video records in its movie header (<c>moov/mvhd</c>, seconds
/// since 1904-01-01 UTC; 0 means unset), as exiftool reports it. Only atom headers and the mvhd
/// box are read: atoms before <c>moov</c> (often the whole <c>mdat</c>) are skipped by seeking when
/// the stream can, else by reading past them (a tar member streams past anyway).
/// </summary>
public static class QuickTimeDates
{
    private static readonly DateTimeOffset Epoch = new(1904, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <param name="bytesRead">Bytes actually read (skipped-by-seek bytes are not).</param>
    public static DateTimeOffset? Read(Stream stream, long length, out long bytesRead)
    {
        bytesRead = 0;
        try
        {
            return Walk(stream, length, ref bytesRead, depth: 0);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or NotSupportedException)
        {
            return null;
        }
    }

    private static DateTimeOffset? Walk(Stream stream, long length, ref long bytesRead, int depth)
    {
        Span<byte> header = stackalloc byte[16];
        long at = 0;
        for (var atoms = 0; at + 8 <= length && atoms < 4096; atoms++)
        {
            if (!Fill(stream, header[..8], ref bytesRead))
            {
                return null;
            }

            long size = BinaryPrimitives.ReadUInt32BigEndian(header);
            var type = header.Slice(4, 4);
            var headerSize = 8L;
            if (size == 1)
            {
                if (!Fill(stream, header.Slice(8, 8), ref bytesRead))
                {
                    return null;
                }

                size = BinaryPrimitives.ReadInt64BigEndian(header[8..]);
                headerSize = 16;
            }
            else if (size == 0)
            {
                size = length - at;
            }

            if (size < headerSize || at + size > length)
            {
                return null;
            }

            var body = size - headerSize;
            if (type.SequenceEqual("moov"u8) && depth == 0)
            {
                return Walk(stream, body, ref bytesRead, depth + 1);
            }

            if (type.SequenceEqual("mvhd"u8) && depth == 1)
            {
                Span<byte> mvhd = stackalloc byte[12];
                if (body < 12 || !Fill(stream, mvhd, ref bytesRead))
                {
                    return null;
                }

                var seconds = mvhd[0] == 1 ? (long)BinaryPrimitives.ReadUInt64BigEndian(mvhd[4..]) : BinaryPrimitives.ReadUInt32BigEndian(mvhd[4..]);
                return seconds is > 0 and < 400L * 366 * 86400 ? Epoch.AddSeconds(seconds) : null;
            }

            Skip(stream, body, ref bytesRead);
            at += size;
        }

        return null;
    }

    private static bool Fill(Stream stream, Span<byte> buffer, ref long bytesRead)
    {
        var n = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        bytesRead += n;
        return n == buffer.Length;
    }

    private static void Skip(Stream stream, long count, ref long bytesRead)
    {
        if (stream.CanSeek)
        {
            stream.Seek(count, SeekOrigin.Current);
            return;
        }

        var scratch = new byte[(int)Math.Min(count, 1 << 16)];
        while (count > 0)
        {
            var n = stream.Read(scratch, 0, (int)Math.Min(scratch.Length, count));
            if (n == 0)
            {
                throw new InvalidDataException("the video ends inside an atom");
            }

            bytesRead += n;
            count -= n;
        }
    }
}
