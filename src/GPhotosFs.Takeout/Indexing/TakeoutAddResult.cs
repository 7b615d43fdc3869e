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
}
