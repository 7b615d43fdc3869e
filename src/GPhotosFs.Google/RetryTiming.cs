namespace GPhotosFs.Google;

/// <summary>
/// How Google's REST clients (Library, Picker, Drive) wait between attempts: exponential backoff
/// with jitter, and the server's own Retry-After when it sends one.
/// </summary>
public static class RetryTiming
{
    /// <summary>first × 2^(attempt−1), capped at max, then scaled by a random 50–100 % so that
    /// many clients (or many parallel requests of one) do not retry in lockstep bursts.</summary>
    public static TimeSpan Backoff(TimeSpan first, TimeSpan max, int attempt)
    {
        var exponential = first.TotalMilliseconds * Math.Pow(2, attempt - 1);
        var capped = Math.Min(exponential, max.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.5 + Random.Shared.NextDouble() / 2));
    }

    /// <summary>The response's Retry-After, as a delay from now; null when it sent none.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow,
        _ => null,
    };
}
