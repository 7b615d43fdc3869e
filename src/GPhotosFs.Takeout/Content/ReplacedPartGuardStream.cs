using GPhotosFs.IO;

namespace GPhotosFs.Takeout.Content;

/// <summary>
/// A remote member's checked bytes: when they fail their size or CRC-32 check, asks whether the part
/// was replaced since it was indexed (<paramref name="checkReplaced"/> throws then, naming the export)
/// before letting the check's own error through. Either way nothing is committed to the cache.
/// </summary>
internal sealed class ReplacedPartGuardStream(Stream inner, Action checkReplaced) : ReadOnlyStream
{
    public override long Length => inner.Length;

    public override long Position => inner.Position;

    public override int Read(Span<byte> buffer)
    {
        try
        {
            return inner.Read(buffer);
        }
        catch (InvalidDataException)
        {
            checkReplaced();
            throw;
        }
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
