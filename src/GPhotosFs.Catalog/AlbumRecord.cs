namespace GPhotosFs.Catalog;

/// <summary>
/// An album as a source reports it. Properties with internal setters are owned by the catalog
/// and ignored on <see cref="LibraryCatalog.UpsertAlbum"/>.
/// </summary>
public sealed record AlbumRecord
{
    public long Id { get; internal init; }

    public required long SourceId { get; init; }

    public required string SourceAlbumId { get; init; }

    public required string Title { get; init; }

    public string? Description { get; init; }

    /// <summary>Assigned folder name under "albums/"; fixed once set, even if the title changes.</summary>
    public string? DirName { get; internal init; }

    public DateTimeOffset AddedAt { get; internal init; }

    public DateTimeOffset UpdatedAt { get; internal init; }
}
