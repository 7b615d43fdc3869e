namespace GPhotosFs.IO;

/// <summary>
/// The base of every forward-only, read-only stream in the project (archive members, byte ranges
/// of a part, counting pass-throughs): it owns the capability flags and refuses writing, seeking
/// and resizing once, so a subclass says only how it reads. <see cref="Length"/> and
/// <see cref="Position"/> are unknown unless a subclass knows them.
/// </summary>
public abstract class ReadOnlyStream : Stream
{
    public sealed override bool CanRead => true;

    public sealed override bool CanSeek => false;

    public sealed override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    /// <summary>Bytes read so far where a subclass counts them; never settable (no seeking).</summary>
    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public abstract override int Read(Span<byte> buffer);

    public sealed override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <summary>
    /// Reads inline: every subclass today reads local files or memory, where a hop to the thread
    /// pool (Stream's default) costs more than the read. A subclass with real asynchronous I/O
    /// overrides this.
    /// </summary>
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public sealed override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public sealed override void Flush()
    {
    }

    public sealed override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public sealed override void SetLength(long value) => throw new NotSupportedException();

    public sealed override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
