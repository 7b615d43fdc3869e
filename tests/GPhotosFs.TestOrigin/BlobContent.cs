namespace GPhotosFs.TestOrigin;

/// <summary>A blob's bytes, held open for the length of one response.</summary>
internal abstract class BlobContent : IDisposable
{
    public abstract long Length { get; }

    /// <summary>
    /// Up to <paramref name="scratch"/>.Length bytes from <paramref name="offset"/>: a slice of the blob's own
    /// memory when it has some (no copy), else read into <paramref name="scratch"/>. Empty only at the end.
    /// </summary>
    public abstract ValueTask<ReadOnlyMemory<byte>> ReadAsync(long offset, Memory<byte> scratch, CancellationToken cancellationToken);

    public virtual void Dispose() { }
}
