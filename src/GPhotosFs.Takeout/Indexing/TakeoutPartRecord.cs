using GPhotosFs.Takeout.Archives;

namespace GPhotosFs.Takeout.Indexing;

/// <summary>
/// One part the source knows, as stored in the source's config JSON. <see cref="Id"/> is derived
/// from the fingerprint (content), not the path, so a moved part keeps its id and its items' locators stay valid.
/// </summary>
public sealed record TakeoutPartRecord
{
    public required string Id { get; init; }

    /// <summary>Absolute path of the archive or extracted folder.</summary>
    public required string Path { get; init; }

    public required PartKind Kind { get; init; }

    /// <summary>Which export the part belongs to ("takeout-20260101T000000Z" for "takeout-20260101T000000Z-003.zip").</summary>
    public required string Export { get; init; }

    /// <summary>Size and mtime when last seen: unchanged means no rescan (no bytes read at all).</summary>
    public long Length { get; init; }

    public long ModifiedTicks { get; init; }

    /// <summary>A remote part's content version when indexed (Drive: head revision, md5 and size); null for local parts. A different one means the part was replaced.</summary>
    public string? Revision { get; init; }

    /// <summary>SHA-256 over the kind, size, first and last 64 KiB (folders: over their listing).</summary>
    public required string Fingerprint { get; init; }

    public DateTimeOffset AddedAt { get; init; }

    public int MediaCount { get; init; }

    public string? LastError { get; init; }
}
