using System.Buffers.Binary;
using GPhotosFs.IO;

namespace GPhotosFs.Takeout.Archives;

/// <summary>
/// A member of a remote part in one ranged request: the range starts at the member's local header
/// and reaches as far as <see cref="ZipDirectory.MemberSpan"/> says (the header's extra field is not
/// in the directory: a little slack covers it), the header is read and skipped from the stream,
/// then exactly the member's compressed bytes are given; the slack left over is drained on dispose
/// so the connection can serve the next request. Reading the header first by itself would cost a
/// round trip per member. A header whose extra field outgrows the slack falls back to a second
/// range at the exact data offset.
/// </summary>
internal sealed class RemoteMemberStream : ReadOnlyStream
{
    private const int MaxDrain = 64 * 1024;
    private readonly IPartStorage _part;
    private readonly ArchiveEntry _entry;
    private Stream? _inner;
    private long _remaining;

    public RemoteMemberStream(IPartStorage part, ArchiveEntry entry)
    {
        _part = part;
        _entry = entry;
        _remaining = entry.CompressedSize;
        Start(); // at open, as a local part's header is checked: a damaged one fails the open, not a read
    }

    public override long Length => _entry.CompressedSize;

    public override long Position => _entry.CompressedSize - _remaining;

    public override int Read(Span<byte> buffer)
    {
        if (_remaining <= 0 || buffer.Length == 0) return 0;
        var n = _inner!.Read(buffer[..(int)Math.Min(buffer.Length, _remaining)]);
        _remaining -= n;
        return n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && _inner is not null)
        {
            try
            {
                // The few bytes of slack past the member, so the response ends and its connection is reused.
                if (_remaining == 0)
                {
                    Span<byte> scratch = stackalloc byte[4096];
                    var drained = 0;
                    int n;
                    while (drained < MaxDrain && (n = _inner.Read(scratch)) > 0) drained += n;
                }
            }
            catch (IOException)
            {
                // The connection is dropped instead; nothing is lost.
            }

            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Start()
    {
        var span = ZipDirectory.MemberSpan(_entry);
        var end = Math.Min(_part.Length, span.End);
        var stream = _part.OpenRange(span.Offset, end - span.Offset);
        try
        {
            Span<byte> header = stackalloc byte[30];
            stream.ReadExactly(header);
            if (BinaryPrimitives.ReadUInt32LittleEndian(header) != ZipDirectory.LocalSignature)
            {
                throw new TakeoutPartException($"{_part.Name}: the local header of '{_entry.Path}' is damaged or missing (truncated part?)");
            }

            var skip = BinaryPrimitives.ReadUInt16LittleEndian(header[26..]) + BinaryPrimitives.ReadUInt16LittleEndian(header[28..]);
            var dataOffset = span.Offset + 30 + skip;
            if (dataOffset + _entry.CompressedSize > _part.Length)
            {
                throw new TakeoutPartException($"{_part.Name}: '{_entry.Path}' ends past the end of the part (truncated part?)");
            }

            if (dataOffset + _entry.CompressedSize > end)
            {
                // A longer extra field than the slack: the member's own range.
                stream.Dispose();
                stream = _part.OpenRange(dataOffset, _entry.CompressedSize);
            }
            else
            {
                var scratch = new byte[skip];
                stream.ReadExactly(scratch);
            }

            _inner = stream;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }
}
