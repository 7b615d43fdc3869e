namespace GPhotosFs.Google;

/// <summary>A Google API call failed; the message says which call and why (Google's own words), never a token or URL.</summary>
public class GoogleApiException(int status, string message, bool retryable, TimeSpan? retryAfter = null, Exception? inner = null, string? apiStatus = null) : Exception(message, inner)
{
    /// <summary>Google's status word ("FAILED_PRECONDITION", "NOT_FOUND"…) when the body had one.</summary>
    public string? ApiStatus { get; } = apiStatus;

    /// <summary>The HTTP status, 0 for network errors.</summary>
    public int Status { get; } = status;

    public bool Retryable { get; } = retryable;

    public TimeSpan? RetryAfter { get; } = retryAfter;
}

/// <summary>A daily quota is used up: its requests fail fast until <see cref="RecheckAt"/>, when one request checks whether it has reset.</summary>
public sealed class GoogleQuotaException(string quota, string message, DateTimeOffset? recheckAt = null) : GoogleApiException(429, message, retryable: false, apiStatus: "RESOURCE_EXHAUSTED")
{
    /// <summary>"api" or "media".</summary>
    public string Quota { get; } = quota;

    /// <summary>When a request of this quota may be tried again.</summary>
    public DateTimeOffset? RecheckAt { get; } = recheckAt;
}
