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
}
