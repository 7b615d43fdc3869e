namespace GPhotosFs.Originals;

/// <summary>Tuning of the download engine. The defaults follow Google's advice (REFERENCE section 1).</summary>
public sealed record OriginalsOptions
{
    /// <summary>A read fails with EIO after this long without any byte of its item arriving.</summary>
    public TimeSpan StallDeadline { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long one request may take to answer with headers.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Retries of one window after transient failures, throttling and expired URLs: with the base
    /// delay below they wait out about 50 s of outage (the stall timeout's order) before a read fails.
    /// </summary>
    public int MaxRetries { get; init; } = 11;

    /// <summary>
    /// First backoff after a 5xx or network error; it doubles, with jitter. Short, because an isolated
    /// fault is the common case on a flaky link: with 1 s, downloads under 20% random faults were about
    /// 15-20x slower than without; with 25 ms they keep about half the throughput (bench/google-faults.sh).
    /// </summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(25);

    /// <summary>Retries of a request whose connection was refused or had no route (each after the backoff), before the read fails.</summary>
    public int UnreachableRetries { get; init; } = 2;

    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The least wait after a 429, whatever Retry-After says (Google: at least 30 s).</summary>
    public TimeSpan ThrottleFloor { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long reads fail fast after the daily quota ran out, when the source does not say.</summary>
    public TimeSpan QuotaCooldown { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How far a download may run ahead of its readers at first; it doubles while they keep up (as mountpoint-s3's window does).</summary>
    public int InitialWindowBytes { get; init; } = 8 << 20;

    public int MaxWindowBytes { get; init; } = 256 << 20;

    /// <summary>A read this far ahead of the running download fetches its own range instead of waiting.</summary>
    public long FarAheadBytes { get; init; } = 8 << 20;

    /// <summary>
    /// Downloaded bytes between two checkpoints of the partial record (each an fsync of the data,
    /// then of the record); a stream also checkpoints when it pauses for its readers, and one that
    /// outruns the disk's fsync waits for it at twice this. So after a kill -9 a download refetches at
    /// most twice this (8 MiB by default) plus one chunk (256 KiB) per running fetch.
    /// </summary>
    public long CheckpointBytes { get; init; } = 4 << 20;

    /// <summary>
    /// Most bytes that partial downloads started ahead of readers (cross-file prefetch) may hold on
    /// the cache's disk; null: a quarter of the disk's free space when the prefetch starts. A read
    /// that asks for a file is never refused for this.
    /// </summary>
    public long? PrefetchPartialBytes { get; init; }

    /// <summary>Most bytes of complete originals to keep; null (the default) keeps everything, since the cache is the backup.</summary>
    public long? CacheMaxBytes { get; init; }

    /// <summary>
    /// Most bytes the buffers of reads and downloads may hold across all files at once, in use or
    /// idle for reuse (-o buffer_budget=); at least <see cref="GPhotosFs.Vfs.Content.BufferBudget.MinimumBytes"/>.
    /// </summary>
    public long BufferBudgetBytes { get; init; } = GPhotosFs.Vfs.Content.BufferBudget.DefaultBytes;

    /// <summary>How many items cross-file prefetch downloads at once.</summary>
    public int PrefetchConcurrency { get; init; } = 8;

    /// <summary>How many items ahead of a sequential reader cross-file prefetch starts.</summary>
    public int PrefetchDepth { get; init; } = 16;

    /// <summary>
    /// Refuse a completed photo or video that MetadataExtractor cannot parse, or a JPEG without its
    /// end marker. An origin that proves integrity itself (Takeout members carry a CRC-32 checked
    /// while they stream) turns this off: there the check only rejects good files, such as motion
    /// photos with a video after the JPEG's end marker or formats MetadataExtractor does not know.
    /// </summary>
    public bool RequireReadableMedia { get; init; } = true;
}
