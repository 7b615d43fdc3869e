namespace GPhotosFs.Catalog;

/// <summary>
/// One photo or video as the catalog knows it. A source builds these (Id 0) for
/// <see cref="LibraryCatalog.UpsertItems"/>; the catalog returns them from
/// <see cref="LibraryCatalog.GetItem"/>. Properties with internal setters are owned by the
/// catalog and ignored on upsert.
/// </summary>
public sealed record ItemRecord
{
    public long Id { get; internal init; }

    public required long SourceId { get; init; }

    /// <summary>The item's identity within its source; together with SourceId it keys upserts.</summary>
    public required string SourceItemId { get; init; }

    /// <summary>Source-specific way to reach the bytes, e.g. a path relative to the source root.</summary>
    public string? Locator { get; init; }

    /// <summary>The original file name as the source reports it (not sanitized).</summary>
    public required string FileName { get; init; }

    public string? MimeType { get; init; }

    /// <summary>When the photo was taken; decides its folder. Stored in UTC with millisecond precision.</summary>
    public DateTimeOffset? CaptureTime { get; init; }

    /// <summary>Where <see cref="CaptureTime"/> came from: "exif", "sidecar", "api", "filename", "archive"...</summary>
    public string? CaptureTimeSource { get; init; }

    /// <summary>
    /// <see cref="CaptureTimeSource"/> of a capture time learned from the original's EXIF after the
    /// item had been shown without one (as 1970): kept in the catalog and the xattrs, never shown as
    /// the file's mtime, which must not change under a backup tool.
    /// </summary>
    public const string LearnedAfterShown = "exif-learned";

    /// <summary>The file's mtime in the mount and in the cache: the capture time, or 1970 for an item shown without one.</summary>
    public DateTimeOffset ShownTime =>
        CaptureTimeSource == LearnedAfterShown ? DateTimeOffset.UnixEpoch : CaptureTime ?? DateTimeOffset.UnixEpoch;

    /// <summary>Exact size in bytes; null while unknown.</summary>
    public long? Size { get; init; }

    public int? Width { get; init; }

    public int? Height { get; init; }

    public string? CameraMake { get; init; }

    public string? CameraModel { get; init; }

    public double? Latitude { get; init; }

    public double? Longitude { get; init; }

    public double? Altitude { get; init; }

    public string? Description { get; init; }

    public bool IsFavorite { get; init; }

    public bool IsArchived { get; init; }

    public bool IsTrashed { get; init; }

    /// <summary>Hash of the bytes in a self-describing form such as "sha256:…"; null while unknown.</summary>
    public string? ContentHash { get; init; }

    /// <summary>Assigned folder, e.g. "photos/2019/05"; null until <see cref="LibraryCatalog.AssignPaths"/>.</summary>
    public string? DirPath { get; internal init; }

    /// <summary>Assigned file name within <see cref="DirPath"/>; never changes once set.</summary>
    public string? Name { get; internal init; }

    /// <summary>Since when the source no longer lists the item; null while present.</summary>
    public DateTimeOffset? MissingSince { get; internal init; }

    public DateTimeOffset AddedAt { get; internal init; }

    public DateTimeOffset UpdatedAt { get; internal init; }
}
