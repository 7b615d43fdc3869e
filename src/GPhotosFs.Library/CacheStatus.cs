namespace GPhotosFs.Library;

/// <param name="BytesCached">Complete originals in the cache folder.</param>
/// <param name="DownloadsPending">Downloads started and not finished (resumed on the next read or prefetch).</param>
/// <param name="BytesPending">The full size of those pending originals.</param>
public sealed record CacheStatus(string Folder, long FilesCached, long BytesCached, string PartialFolder, long DownloadsPending, long BytesPending)
{
    /// <summary>Items of downloading sources shown in the mount and not (completely) in the cache.</summary>
    public long ItemsNotCached { get; init; }

    /// <summary>Disk space the partial downloads take (they are sparse: less than <see cref="BytesPending"/>).</summary>
    public long BytesPartial { get; init; }

    /// <summary>Set while the cache's disk is full: what happened and what to do.</summary>
    public string? DiskFull { get; init; }

    /// <summary>Originals the cache size limit has deleted (the cache is then an incomplete copy of the library).</summary>
    public long EvictedFiles { get; init; }

    public DateTimeOffset? LastEvictionAt { get; init; }
}
