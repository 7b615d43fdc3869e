namespace GPhotosFs.Vfs.Tree;

/// <summary>What the tree shows.</summary>
public sealed record TreeOptions
{
    public AlbumPresentation Albums { get; init; } = AlbumPresentation.Symlinks;

    /// <summary>Items in Google's trash are hidden unless this is set.</summary>
    public bool ShowTrashed { get; init; }

    /// <summary>How many files ahead of a sequential reader to start fetching; 0 turns cross-file prefetch off.</summary>
    public int PrefetchDepth { get; init; } = 16;
}
