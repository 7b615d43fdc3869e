namespace GPhotosFs.Takeout.Indexing;

/// <summary>
/// A folder of a damaged export that held media without album metadata, and that no earlier export
/// made an album: the damage may have taken its metadata. Kept in the source config so that when
/// another export's metadata makes the folder an album (album folders are named after the album),
/// the items it held join that album; forgotten when its export is read again without damage.
/// Year folders and the trash are never albums and are not kept.
/// </summary>
public sealed record UnconfirmedAlbumFolder
{
    /// <summary>The damaged export ("takeout-20260101T000000Z").</summary>
    public required string Export { get; init; }

    /// <summary>The folder below the Google Photos folder, as an album's SourceAlbumId would name it.</summary>
    public required string Folder { get; init; }

    /// <summary>Catalog item ids, in folder order: stable, unlike identities, which a re-key by content may change.</summary>
    public required List<long> ItemIds { get; init; }
}
