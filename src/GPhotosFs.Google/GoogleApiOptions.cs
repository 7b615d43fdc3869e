namespace GPhotosFs.Google;

/// <summary>How API calls retry (Google's advice: 5xx back off exponentially from 1 s; 429 wait at least 30 s unless told otherwise).</summary>
public sealed record GoogleApiOptions
{
    public int MaxAttempts { get; init; } = 8;

    /// <summary>Attempts when the server cannot be reached at all (connection refused, unknown host): fail within seconds.</summary>
    public int UnreachableAttempts { get; init; } = 3;

    public TimeSpan FirstBackoff { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The wait after a 429 without Retry-After.</summary>
    public TimeSpan ThrottleDelay { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
