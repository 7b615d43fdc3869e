using GPhotosFs.Vfs.Tree;

namespace GPhotosFs.Vfs.Content;

/// <summary>
/// An open media file. Reads are filled completely up to the end of the file: the kernel takes a
/// short read as end of file, so an original that ends early is an error here, never a silently
/// shorter file.
/// </summary>
public sealed class OpenItem(VfsFile file, IItemContent content) : IDisposable
{
    public VfsFile File { get; } = file;

    public async ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var wanted = (int)Math.Clamp(File.Size - offset, 0, buffer.Length);
        var filled = 0;
        while (filled < wanted)
        {
            var n = await content.ReadAsync(offset + filled, buffer[filled..wanted], cancellationToken).ConfigureAwait(false);
            if (n <= 0)
            {
                throw new ContentUnavailableException(
                    $"the original of '{File.NameText}' (item {File.ItemId}) ended at byte {offset + filled} of {File.Size}; it is not served truncated.");
            }

            filled += n;
        }

        return filled;
    }

    /// <summary>See <see cref="IItemContent.WhenReadableAsync"/>; at once at or past the end.</summary>
    public ValueTask WhenReadableAsync(long offset, int length, CancellationToken cancellationToken)
    {
        var wanted = (int)Math.Clamp(File.Size - offset, 0, length);
        return wanted == 0 ? ValueTask.CompletedTask : content.WhenReadableAsync(offset, wanted, cancellationToken);
    }

    public void Dispose() => content.Dispose();
}
