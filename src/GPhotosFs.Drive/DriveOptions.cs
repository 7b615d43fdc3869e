namespace GPhotosFs.Drive;

/// <summary>How Drive calls retry (REFERENCE §6: 403 userRateLimitExceeded / 429 → truncated exponential backoff).</summary>
public sealed record DriveOptions
{
    public int MaxAttempts { get; init; } = 8;

    public TimeSpan FirstBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Drive's guide truncates at 64 s.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(64);

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>files.list page size (Drive: 1 to 1000).</summary>
    public int PageSize { get; init; } = 1000;
}
