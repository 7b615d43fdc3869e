using Microsoft.Win32.SafeHandles;

namespace GPhotosFs.Vfs.Content;

/// <summary>An original that is a local file: positional reads on one handle, safe for concurrent readers.</summary>
public sealed class LocalFileContent : IItemContent
{
    private readonly SafeFileHandle _handle;
    private readonly IDisposable? _lease;

    /// <param name="lease">Released with the content (e.g. what keeps a cached file from being evicted while open).</param>
    public LocalFileContent(SafeFileHandle handle, IDisposable? lease = null)
    {
        _handle = handle;
        _lease = lease;
        Length = RandomAccess.GetLength(handle);
    }

    public long Length { get; }

    public ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken) =>
        ValueTask.FromResult(RandomAccess.Read(_handle, buffer.Span, offset));

    public void Dispose()
    {
        _handle.Dispose();
        _lease?.Dispose();
    }
}
