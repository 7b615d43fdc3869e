using GPhotosFs.IO;

namespace GPhotosFs.Takeout.Archives;

/// <summary>
/// Wraps a member's decoded bytes and refuses to pass off anything but the declared member: more
/// bytes than declared (a zip bomb or a lying directory), fewer (a truncated part), or a CRC-32
/// mismatch all throw <see cref="InvalidDataException"/> naming the member, at the latest with the
/// read that would deliver its last byte, so a damaged member is never served as complete.
/// </summary>
public sealed class CheckedMemberStream(Stream inner, long declaredSize, uint? expectedCrc, string memberName) : ReadOnlyStream
{
    private long _produced;
    private uint _crc;

    public override long Length => declaredSize;

    public override long Position => _produced;

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        // Ask for one byte past the declared end so an overlong member is noticed.
        var wanted = (int)Math.Min(buffer.Length, declaredSize - _produced + 1);
        var n = inner.Read(buffer[..wanted]);
        if (n == 0)
        {
            if (_produced != declaredSize)
            {
                throw new InvalidDataException($"'{memberName}' ends after {_produced} of its {declaredSize} declared bytes (truncated or damaged part)");
            }

            if (expectedCrc is { } crc && crc != _crc)
            {
                throw new InvalidDataException($"'{memberName}' fails its CRC-32 check (damaged part)");
            }

            return 0;
        }

        if (_produced + n > declaredSize)
        {
            throw new InvalidDataException($"'{memberName}' holds more bytes than its declared {declaredSize} (zip bomb or damaged directory); refused");
        }

        if (expectedCrc is not null)
        {
            _crc = Crc32.Append(_crc, buffer[..n]);
        }

        _produced += n;
        if (_produced == declaredSize)
        {
            // Check before handing over the last bytes: a reader that stops at the declared size
            // (it knows the length) must still never get a damaged member as complete.
            Span<byte> probe = stackalloc byte[1];
            if (inner.Read(probe) != 0)
            {
                throw new InvalidDataException($"'{memberName}' holds more bytes than its declared {declaredSize} (zip bomb or damaged directory); refused");
            }

            if (expectedCrc is { } crc && crc != _crc)
            {
                throw new InvalidDataException($"'{memberName}' fails its CRC-32 check (damaged part)");
            }
        }

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
