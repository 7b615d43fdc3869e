namespace GPhotosFs.Catalog;

/// <summary>What the daemon needs to show one item in the mounted tree.</summary>
/// <param name="DirPath">Assigned folder relative to the mount root, e.g. "photos/2019/05".</param>
/// <param name="Name">Assigned file name within <paramref name="DirPath"/>.</param>
/// <param name="Size">Exact size in bytes, or null while unknown.</param>
/// <param name="CaptureTime">The capture time shown as the mtime: null for an item shown undated, even once its EXIF time was learned (see ItemRecord.ShownTime).</param>
public sealed record TreeItemRow(
    long Id,
    string DirPath,
    string Name,
    long? Size,
    DateTimeOffset? CaptureTime,
    string? MimeType,
    bool IsFavorite,
    bool IsArchived,
    bool IsTrashed,
    DateTimeOffset? MissingSince,
    DateTimeOffset AddedAt,
    DateTimeOffset UpdatedAt);
