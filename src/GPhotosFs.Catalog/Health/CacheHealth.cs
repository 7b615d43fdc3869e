namespace GPhotosFs.Catalog.Health;

/// <summary>
/// What the download cache knows about itself that the files do not show: whether its disk ran
/// full (reads of uncached originals then fail), and whether <c>cache_max_size</c> has evicted
/// originals (the cache is then an incomplete copy of the library, which matters to a backup of it).
/// The mount daemon and prefetch write it; <c>gphotosfs status</c> reads it.
/// </summary>
public sealed record CacheHealth
{
    /// <summary>Set while writing to the cache fails for lack of space: what happened and what to do.</summary>
    public string? DiskFull { get; init; }

    public DateTimeOffset? DiskFullSince { get; init; }

    /// <summary>Originals deleted by the cache size limit, since the library was created.</summary>
    public long EvictedFiles { get; init; }

    public long EvictedBytes { get; init; }

    public DateTimeOffset? LastEvictionAt { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }
}
