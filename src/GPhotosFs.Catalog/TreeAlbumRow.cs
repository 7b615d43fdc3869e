namespace GPhotosFs.Catalog;

/// <summary>An album folder in the mounted tree: "albums/<see cref="DirName"/>".</summary>
public sealed record TreeAlbumRow(long Id, string DirName, string Title);
