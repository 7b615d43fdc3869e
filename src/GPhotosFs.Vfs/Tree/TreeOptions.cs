namespace GPhotosFs.Vfs.Tree;

/// <summary>What the tree shows.</summary>
public sealed record TreeOptions
{
    public AlbumPresentation Albums { get; init; } = AlbumPresentation.Symlinks;

    /// <summary>Items in Google's trash are hidden unless this is set.</summary>
    public bool ShowTrashed { get; init; }

    /// <summary>
    /// Items this says are gone for good (e.g. deleted at their source and never cached, so their
    /// bytes exist nowhere) are left out of the tree; their catalog rows stay. Null shows every item.
    /// </summary>
    public Func<GPhotosFs.Catalog.TreeItemRow, bool>? Gone { get; init; }

    /// <summary>How many files ahead of a sequential reader to start fetching; 0 turns cross-file prefetch off.</summary>
    public int PrefetchDepth { get; init; } = 16;
}
