namespace GPhotosFs.GoogleEmulator;

/// <summary>Failures to inject into the running emulator; change them at any time, from any thread.</summary>
public sealed class EmulatorFaults
{
    private int _apiStorm;
    private int _mediaStorm;
    private long _urlEpoch;
    private int _tokenExpiryCountdown;

    /// <summary>What 429 storms put in Retry-After.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>This fraction of media downloads answers 503 (spread evenly, the same sequence every run).</summary>
    public double MediaFaultRate { get; set; }

    internal bool TakeMediaFault()
    {
        var rate = MediaFaultRate;
        if (rate <= 0) return false;
        var n = (ulong)Interlocked.Increment(ref _mediaFaultCounter);
        var x = n * 0x9E3779B97F4A7C15UL;
        x ^= x >> 29;
        return (x % 10_000) < (ulong)(rate * 10_000);
    }

    private long _mediaFaultCounter;

    /// <summary>What daily-quota 429s put in Retry-After (null: none, as Google usually sends).</summary>
    public TimeSpan? QuotaRetryAfter { get; set; }

    /// <summary>Every API request answers 429 "per day" until <see cref="ResetQuotas"/> (Google's quota day ending).</summary>
    public void ExhaustApiQuota() => Volatile.Write(ref _apiExhausted, 1);

    /// <summary>Every media request answers 429 "per day" until <see cref="ResetQuotas"/>; the API quota stays open.</summary>
    public void ExhaustMediaQuota() => Volatile.Write(ref _mediaExhausted, 1);

    /// <summary>The server-side reset: both daily quotas are open again (and the emulator's day counters restart).</summary>
    public void ResetQuotas()
    {
        Volatile.Write(ref _apiExhausted, 0);
        Volatile.Write(ref _mediaExhausted, 0);
        QuotasReset?.Invoke();
    }

    internal event Action? QuotasReset;

    internal bool ApiExhausted => Volatile.Read(ref _apiExhausted) != 0;

    internal bool MediaExhausted => Volatile.Read(ref _mediaExhausted) != 0;

    private int _apiExhausted;
    private int _mediaExhausted;

    /// <summary>The next <paramref name="requests"/> API requests answer 429 RESOURCE_EXHAUSTED (a rate limit, not the daily quota).</summary>
    public void ApiStorm(int requests) => Volatile.Write(ref _apiStorm, requests);

    /// <summary>The next <paramref name="requests"/> media downloads answer 429.</summary>
    public void MediaStorm(int requests) => Volatile.Write(ref _mediaStorm, requests);

    /// <summary>Every baseUrl handed out so far stops working (403), as after their hour.</summary>
    public void ExpireAllUrls() => Interlocked.Increment(ref _urlEpoch);

    /// <summary>After <paramref name="requests"/> more API requests, every access token stops working (token expiry mid-sync).</summary>
    public void ExpireAccessTokensAfter(int requests) => Volatile.Write(ref _tokenExpiryCountdown, requests);

    /// <summary>True once, on the request at which tokens are to expire.</summary>
    internal bool TakeTokenExpiry()
    {
        while (true)
        {
            var left = Volatile.Read(ref _tokenExpiryCountdown);
            if (left <= 0) return false;
            if (Interlocked.CompareExchange(ref _tokenExpiryCountdown, left - 1, left) == left) return left == 1;
        }
    }

    internal long UrlEpoch => Interlocked.Read(ref _urlEpoch);

    internal bool TakeApiStorm() => Take(ref _apiStorm);

    internal bool TakeMediaStorm() => Take(ref _mediaStorm);

    private static bool Take(ref int counter)
    {
        while (true)
        {
            var left = Volatile.Read(ref counter);
            if (left <= 0) return false;
            if (Interlocked.CompareExchange(ref counter, left - 1, left) == left) return true;
        }
    }

    // ---- Drive ----------------------------------------------------------------------------------

    private int _driveRateLimited;
    private bool _driveRateLimit403 = true;
    private int _driveIgnoreRange;
    private int _driveResets;

    /// <summary>Added before every Drive answer (a remote part's round trip).</summary>
    public TimeSpan DriveLatency { get; set; }

    /// <summary>files.list pages hold about a third of the page size, and every third page is empty with a nextPageToken (Drive may do both).</summary>
    public bool DriveShortPages { get; set; }

    /// <summary>The next <paramref name="requests"/> Drive requests answer 403 userRateLimitExceeded (or 429 rateLimitExceeded when <paramref name="forbidden"/> is false).</summary>
    public void DriveRateLimit(int requests, bool forbidden = true)
    {
        _driveRateLimit403 = forbidden;
        Volatile.Write(ref _driveRateLimited, requests);
    }

    /// <summary>The next <paramref name="requests"/> media requests ignore their Range header and answer 200 with the whole file.</summary>
    public void DriveIgnoreRange(int requests) => Volatile.Write(ref _driveIgnoreRange, requests);

    /// <summary>The next <paramref name="requests"/> media requests send half their body, then reset the connection.</summary>
    public void DriveReset(int requests) => Volatile.Write(ref _driveResets, requests);

    internal bool TakeDriveRateLimit(out bool forbidden)
    {
        forbidden = _driveRateLimit403;
        return Take(ref _driveRateLimited);
    }

    internal bool TakeDriveIgnoreRange() => Take(ref _driveIgnoreRange);

    internal bool TakeDriveReset() => Take(ref _driveResets);
}
