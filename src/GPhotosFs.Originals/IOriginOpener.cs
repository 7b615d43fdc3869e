namespace GPhotosFs.Originals;

/// <summary>
/// How a source hands over an original's bytes: a byte range at a time (an HTTP URL with Range, or
/// a stream out of an archive). This is all the engine knows of a source.
/// </summary>
public interface IOriginOpener
{
    /// <summary>Opens [offset, offset + length) of the original, or to its end when <paramref name="length"/> is null.</summary>
    /// <exception cref="OriginException">The request failed; its kind says whether and how to retry.</exception>
    Task<OriginResponse> OpenRangeAsync(OriginalKey key, long offset, long? length, CancellationToken cancellationToken);
}

/// <summary>An opened range: the body stream and the original's total length.</summary>
public sealed class OriginResponse(Stream body, long offset, long totalLength, IDisposable? owner = null) : IAsyncDisposable
{
    public Stream Body { get; } = body;

    /// <summary>Where in the original the body starts.</summary>
    public long Offset { get; } = offset;

    public long TotalLength { get; } = totalLength;

    public async ValueTask DisposeAsync()
    {
        await Body.DisposeAsync().ConfigureAwait(false);
        owner?.Dispose();
    }
}
