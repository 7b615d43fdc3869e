using GPhotosFs.IO;
using Microsoft.Win32.SafeHandles;

namespace GPhotosFs.Takeout.Archives;

/// <summary>A forward-only stream over [offset, offset + length) of a file, by positional reads (handles may be shared).</summary>
public sealed class HandleRangeStream(SafeFileHandle handle, long offset, long length, bool ownsHandle = false) : ReadOnlyStream
{
    private long _position;

    public override long Length => length;

    public override long Position => _position;

    public override int Read(Span<byte> buffer)
    {
        var wanted = (int)Math.Min(buffer.Length, length - _position);
        if (wanted <= 0)
        {
            return 0;
        }

        var n = RandomAccess.Read(handle, buffer[..wanted], offset + _position);
        _position += n;
        return n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && ownsHandle)
        {
            handle.Dispose();
        }

        base.Dispose(disposing);
    }
}
