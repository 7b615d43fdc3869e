namespace GPhotosFs.Originals;

/// <summary>[offset, offset + length) of a file as a read-only stream of its own (a member stored in an archive); seekable, as metadata parsing seeks, so not a forward-only ReadOnlyStream.</summary>
internal sealed class FileWindow(FileStream file, long offset, long length) : Stream
{
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => _position = Math.Clamp(value, 0, length);
    }

    public override int Read(byte[] buffer, int offset1, int count) => Read(buffer.AsSpan(offset1, count));

    public override int Read(Span<byte> buffer)
    {
        var wanted = (int)Math.Min(buffer.Length, length - _position);
        if (wanted <= 0) return 0;
        var n = RandomAccess.Read(file.SafeFileHandle, buffer[..wanted], offset + _position);
        _position += n;
        return n;
    }

    public override long Seek(long offset1, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset1,
        SeekOrigin.Current => _position + offset1,
        _ => length + offset1,
    };

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset1, int count) => throw new NotSupportedException();
}
