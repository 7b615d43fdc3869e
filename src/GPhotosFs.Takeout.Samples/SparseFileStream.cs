namespace GPhotosFs.Takeout.Samples;

/// <summary>
/// A file written forward in which whole runs of zero bytes are skipped by seeking rather than
/// written, so they stay holes: a 30 GB zip part of padded photos takes megabytes of disk.
/// Seeks back (a zip writer patching a local header) work as on the file itself.
/// </summary>
internal sealed class SparseFileStream(FileStream file) : Stream
{
    private const int MinHole = 64 * 1024;
    private long _end;
    private bool _disposed;

    public override bool CanRead => false;

    public override bool CanSeek => true;

    public override bool CanWrite => true;

    public override long Length => Math.Max(_end, file.Length);

    public override long Position
    {
        get => file.Position;
        set => file.Position = value;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (buffer.Length >= MinHole && !buffer.ContainsAnyExcept((byte)0) && file.Position >= file.Length)
        {
            file.Seek(buffer.Length, SeekOrigin.Current);
        }
        else
        {
            file.Write(buffer);
        }

        _end = Math.Max(_end, file.Position);
    }

    public override void Flush()
    {
        // A trailing hole still counts in the file's length.
        if (file.Length < _end) file.SetLength(_end);
        file.Flush();
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => file.Seek(offset, origin);

    public override void SetLength(long value)
    {
        file.SetLength(value);
        _end = value;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            Flush();
            file.Dispose();
        }

        base.Dispose(disposing);
    }
}
