namespace GPhotosFs.Takeout.Archives;

/// <summary>
/// Where one Takeout part's bytes live: a local file or folder (<see cref="LocalPartFile"/>, read
/// in place) or a remote object read by HTTP Range (Google Drive). Archive code reads parts only
/// through this: positional reads, sequential ranges, presence, length and a fingerprint.
/// <para>
/// Only a part with <see cref="ReadsInPlace"/> may serve a mount's reads directly; every other
/// part's members always go through the download engine and the library's cache.
/// </para>
/// </summary>
public interface IPartStorage : IDisposable
{
    /// <summary>What the part record keeps to find the part again: an absolute path, or e.g. <c>drive:FILEID/NAME</c>.</summary>
    string Location { get; }

    /// <summary>The part's file name (export grouping, messages).</summary>
    string Name { get; }

    /// <summary>Whether a mount may read members from the part itself (a local disk) rather than through the cache.</summary>
    bool ReadsInPlace { get; }

    /// <summary>Whether the part is there now (for a remote part: as last seen, without a request).</summary>
    bool Exists();

    /// <summary>Size in bytes (0 for an extracted folder).</summary>
    long Length { get; }

    /// <summary>Last modification as ticks (UTC): with <see cref="Length"/> and <see cref="Revision"/>, "unchanged since indexed".</summary>
    long ModifiedTicks { get; }

    /// <summary>The store's own content version (Drive: head revision and md5), null for local files.</summary>
    string? Revision { get; }

    /// <summary>
    /// <see cref="Revision"/> asked afresh (a remote part: its metadata now, one request), for when bytes read
    /// do not match what was indexed. Local files have none.
    /// </summary>
    string? CurrentRevision() => Revision;

    /// <summary>Reads up to <paramref name="buffer"/>.Length bytes at <paramref name="offset"/>; fewer only at the end of the part (0 past it).</summary>
    int ReadAt(long offset, Span<byte> buffer);

    /// <summary>A forward-only stream over [offset, offset + length) of the part.</summary>
    Stream OpenRange(long offset, long length);

    /// <summary>
    /// A hint: these ranges are about to be read (sidecars, album metadata, local headers), so a
    /// remote store may fetch them in few requests, adjacent ranges coalesced. Local files ignore it.
    /// </summary>
    void Prefetch(IReadOnlyList<ByteSpan> ranges);
}

/// <summary>[Offset, Offset + Length) of a part.</summary>
public readonly record struct ByteSpan(long Offset, long Length)
{
    public long End => Offset + Length;
}
