namespace GPhotosFs.Takeout.Archives;

/// <summary>
/// One member of a Takeout part, as its directory describes it (no media bytes read).
/// </summary>
/// <param name="Path">The member's path, made safe by <see cref="EntryPaths.Normalize"/> ("Takeout/Google Photos/…").</param>
/// <param name="Size">Uncompressed size.</param>
/// <param name="CompressedSize">Bytes in the part (equal to Size unless deflated).</param>
/// <param name="Position">Zip: offset of the local header; tar: offset of the data in the decompressed stream; folder: 0.</param>
/// <param name="Crc32">The zip's CRC-32 of the member (tar: computed while indexing; folder: computed only where its size and name collide with another file's).</param>
/// <param name="SourcePath">Folder parts: the file's real relative path when <paramref name="Path"/> had characters replaced (a tab became '_'); else null.</param>
public sealed record ArchiveEntry(
    string Path,
    long Size,
    long CompressedSize,
    MemberMethod Method,
    long Position,
    uint? Crc32,
    DateTimeOffset? ModifiedTime,
    string? SourcePath = null);
