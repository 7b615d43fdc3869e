namespace GPhotosFs.Catalog;

/// <summary>One album as the catalog holds it: its id, title and member items in album order.</summary>
public sealed record AlbumMembers(long AlbumId, string Title, List<long> ItemIds);
