using GPhotosFs.IO;

namespace GPhotosFs.Takeout.Content;

/// <summary>Reads at most <c>limit</c> bytes of an inner stream; disposing runs <c>onDispose</c> (returning a shared cursor) instead of closing it when given.</summary>
internal sealed class BoundedStream(Stream inner, long limit, Action? onDispose = null) : ReadOnlyStream
{
    private readonly long _limit = limit;
    private long _remaining = limit;

    public override long Length => _limit;

    public override long Position => _limit - _remaining;

    public override int Read(Span<byte> buffer)
    {
        if (_remaining <= 0)
        {
            return 0;
        }

        var n = inner.Read(buffer[..(int)Math.Min(buffer.Length, _remaining)]);
        _remaining -= n;
        return n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            if (onDispose is not null)
            {
                onDispose();
            }
            else
            {
                inner.Dispose();
            }
        }

        base.Dispose(disposing);
    }
}
