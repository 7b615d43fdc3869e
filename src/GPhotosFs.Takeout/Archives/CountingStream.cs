using GPhotosFs.IO;

namespace GPhotosFs.Takeout.Archives;

/// <summary>
/// A read-only pass-through that counts the bytes read through it and, when asked, their CRC-32:
/// the count gives a tar reader's position in the compressed stream (each member's compressed
/// share), the CRC a tar member's identity at index time (the bytes stream past once anyway).
/// Disposing it disposes the inner stream.
/// </summary>
internal sealed class CountingStream(Stream inner, bool computeCrc = false) : ReadOnlyStream
{
    private uint _crc;

    public long BytesRead { get; private set; }

    /// <summary>The CRC-32 of the bytes read so far; only for a stream made with <c>computeCrc</c>.</summary>
    public uint Crc => computeCrc ? _crc : throw new InvalidOperationException("this stream does not compute a CRC-32");

    public override long Position => BytesRead;

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        if (computeCrc)
        {
            _crc = Crc32.Append(_crc, buffer[..n]);
        }

        BytesRead += n;
        return n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
