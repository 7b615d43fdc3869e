using Microsoft.Win32.SafeHandles;

namespace GPhotosFs.TestOrigin;

/// <summary>A blob read from disk as it is sent, so a 1 GiB file never sits in memory.</summary>
internal sealed class FileBlobContent : BlobContent
{
    private readonly SafeFileHandle _handle;

    private FileBlobContent(SafeFileHandle handle)
    {
        _handle = handle;
        // Taken once: a response promises a Content-Length, so a file growing meanwhile must not change it.
        Length = RandomAccess.GetLength(handle);
    }

    public override long Length { get; }

    /// <summary>Opens the file, or null when it is not there (which answers 404).</summary>
    public static FileBlobContent? TryOpen(string path)
    {
        try
        {
            // SequentialScan asks the kernel for aggressive read-ahead: responses read front to back.
            return new FileBlobContent(File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, FileOptions.SequentialScan));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            return null; // UnauthorizedAccess is also what opening a directory throws
        }
    }

    public override async ValueTask<ReadOnlyMemory<byte>> ReadAsync(long offset, Memory<byte> scratch, CancellationToken cancellationToken)
    {
        var read = await RandomAccess.ReadAsync(_handle, scratch, offset, cancellationToken);
        return scratch[..read];
    }

    public override void Dispose() => _handle.Dispose();
}
