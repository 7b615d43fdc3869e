namespace GPhotosFs.Takeout.Indexing;

/// <summary>What one <see cref="TakeoutIndexer.Add"/> did.</summary>
public sealed record TakeoutAddResult
{
    public int PartsAdded { get; init; }

    public int PartsUnchanged { get; init; }

    public int PartsRelinked { get; init; }

    /// <summary>Parts that could not be read, each message naming the part; the other parts were indexed.</summary>
    public IReadOnlyList<string> PartErrors { get; init; } = [];

    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Media members seen (before merging copies).</summary>
    public int MediaEntries { get; init; }

    /// <summary>Distinct items upserted.</summary>
    public int Items { get; init; }

    public int Albums { get; init; }

    public int NewlyMissing { get; init; }

    public long MediaHeadBytes { get; init; }

    public long MediaHeads { get; init; }

    /// <summary>Extracted-folder files hashed because their size and name collide (identity by content), and their bytes.</summary>
    public long HashedFiles { get; init; }

    public long HashedBytes { get; init; }

    /// <summary>Given paths that are not Takeout exports (nothing readable, no Google Photos folder, empty): not recorded, nothing changed.</summary>
    public IReadOnlyList<string> Refused { get; init; } = [];

    /// <summary>Members left out on purpose, each named with its reason.</summary>
    public IReadOnlyList<Archives.RejectedMember> Rejected { get; init; } = [];

    /// <summary>The errors of every part of the source that is damaged now (this run's and earlier ones').</summary>
    public IReadOnlyList<string> DamagedParts { get; init; } = [];

    /// <summary>Dry run only: the items that would be indexed.</summary>
    public IReadOnlyList<TakeoutPreviewItem>? Preview { get; init; }

    /// <summary>Dry run only: the albums that would be indexed.</summary>
    public IReadOnlyList<TakeoutAlbum>? PreviewAlbums { get; init; }
}

/// <summary>One item a dry run would index.</summary>
public sealed record TakeoutPreviewItem(string FileName, DateTimeOffset? CaptureTime, string? CaptureTimeSource, long Size, bool IsTrashed, string Identity);
