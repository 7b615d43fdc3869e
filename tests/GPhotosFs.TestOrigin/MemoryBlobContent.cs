namespace GPhotosFs.TestOrigin;

/// <summary>A blob kept in memory (<see cref="TestOriginServer.AddBlob"/>).</summary>
internal sealed class MemoryBlobContent(byte[] bytes) : BlobContent
{
    public override long Length => bytes.Length;

    public override ValueTask<ReadOnlyMemory<byte>> ReadAsync(long offset, Memory<byte> scratch, CancellationToken cancellationToken)
    {
        var start = (int)Math.Min(offset, bytes.Length);
        return ValueTask.FromResult<ReadOnlyMemory<byte>>(bytes.AsMemory(start, Math.Min(scratch.Length, bytes.Length - start)));
    }
}
