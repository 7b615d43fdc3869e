namespace GPhotosFs.Vfs.Content;

/// <summary>The original bytes of one item, opened for random-access reads.</summary>
public interface IItemContent : IDisposable
{
    /// <summary>The exact length of the original.</summary>
    long Length { get; }

    /// <summary>
    /// Reads up to <paramref name="buffer"/>.Length bytes at <paramref name="offset"/>; returns how many
    /// (0 only at the end). May complete synchronously (local bytes) or later (a download).
    /// </summary>
    ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken);

    /// <summary>
    /// Completes once a read of <paramref name="length"/> bytes at <paramref name="offset"/> would not
    /// wait for bytes still on their way (or would fail), so that a reader takes its buffer only then
    /// and a read waiting on the network holds no memory. By default at once: content whose reads
    /// wait for nothing but the disk.
    /// </summary>
    ValueTask WhenReadableAsync(long offset, int length, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
