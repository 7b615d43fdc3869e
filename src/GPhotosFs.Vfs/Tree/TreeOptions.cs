namespace GPhotosFs.Vfs.Tree;

/// <summary>What the tree shows.</summary>
public sealed record TreeOptions
{
    public AlbumPresentation Albums { get; init; } = AlbumPresentation.Symlinks;

    /// <summary>Items in Google's trash are hidden unless this is set.</summary>
    public bool ShowTrashed { get; init; }
}
