using GPhotosFs.Vfs.Content;
using Microsoft.Win32.SafeHandles;

namespace GPhotosFs.Takeout.Content;

/// <summary>A stored (uncompressed) member read in place: positional reads on the archive at the member's data offset.</summary>
public sealed class ArchiveMemberContent(SafeFileHandle handle, long dataOffset, long length) : IItemContent
{
    public long Length { get; } = length;

    public ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var wanted = (int)Math.Clamp(Length - offset, 0, buffer.Length);
        return ValueTask.FromResult(wanted == 0 ? 0 : RandomAccess.Read(handle, buffer.Span[..wanted], dataOffset + offset));
    }

    public void Dispose() => handle.Dispose();
}
