using GPhotosFs.Takeout.Archives;
using GPhotosFs.Vfs.Content;
using Microsoft.Win32.SafeHandles;

namespace GPhotosFs.Takeout.Content;

/// <summary>
/// A stored (uncompressed) member read in place: positional reads on the archive at the member's
/// data offset. Like every member, it never hands out its last byte unchecked: a read reaching
/// the end first makes sure the whole member matches its CRC-32 (sequential readers have fed the
/// running CRC already, so that costs nothing more; others get the rest read once), and fails
/// with an I/O error naming the member when it does not. A member once verified stays verified
/// for the process (by part, offset and CRC).
/// </summary>
public sealed class ArchiveMemberContent(SafeFileHandle handle, long dataOffset, long length, uint? expectedCrc = null, string memberName = "") : IItemContent
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string, long, uint), bool> Verified = new();
    private readonly object _gate = new();
    private long _crcUpTo;
    private uint _crc;
    private bool _verified = expectedCrc is null || Verified.ContainsKey((memberName, dataOffset, expectedCrc.Value));

    public long Length { get; } = length;

    public ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var wanted = (int)Math.Clamp(Length - offset, 0, buffer.Length);
        if (wanted == 0)
        {
            return ValueTask.FromResult(0);
        }

        var n = RandomAccess.Read(handle, buffer.Span[..wanted], dataOffset + offset);
        if (!_verified)
        {
            lock (_gate)
            {
                if (offset <= _crcUpTo && offset + n > _crcUpTo)
                {
                    _crc = Crc32.Append(_crc, buffer.Span[(int)(_crcUpTo - offset)..n]);
                    _crcUpTo = offset + n;
                }

                if (offset + n >= Length)
                {
                    Verify();
                }
            }
        }

        return ValueTask.FromResult(n);
    }

    public void Dispose() => handle.Dispose();

    private void Verify()
    {
        var scratch = new byte[1 << 20];
        while (_crcUpTo < Length)
        {
            var n = RandomAccess.Read(handle, scratch.AsSpan(0, (int)Math.Min(scratch.Length, Length - _crcUpTo)), dataOffset + _crcUpTo);
            if (n <= 0)
            {
                throw new IOException($"'{memberName}' ends after {_crcUpTo} of its {Length} bytes (truncated archive)");
            }

            _crc = Crc32.Append(_crc, scratch.AsSpan(0, n));
            _crcUpTo += n;
        }

        if (_crc != expectedCrc)
        {
            throw new IOException($"'{memberName}' fails its CRC-32 check: the archive is damaged; download the part again");
        }

        _verified = true;
        Verified.TryAdd((memberName, dataOffset, expectedCrc!.Value), true);
    }
}
