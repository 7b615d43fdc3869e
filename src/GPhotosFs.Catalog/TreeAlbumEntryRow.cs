namespace GPhotosFs.Catalog;

/// <summary>One item shown in an album folder under its own, album-unique <see cref="Name"/>.</summary>
/// <param name="Position">0-based order of the item in the album as the source lists it.</param>
public sealed record TreeAlbumEntryRow(long AlbumId, long ItemId, int Position, string Name);
