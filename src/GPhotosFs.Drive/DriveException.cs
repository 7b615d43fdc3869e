namespace GPhotosFs.Drive;

/// <summary>A Drive call failed; the message names the call and the file and says what to do. Never a token.</summary>
public class DriveException(int status, string message, bool retryable, string? reason = null, TimeSpan? retryAfter = null, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The HTTP status, 0 for network errors and malformed answers.</summary>
    public int Status { get; } = status;

    /// <summary>Drive's reason word ("userRateLimitExceeded", "notFound"…) when the body had one.</summary>
    public string? Reason { get; } = reason;

    public bool Retryable { get; } = retryable;

    public TimeSpan? RetryAfter { get; } = retryAfter;

    /// <summary>The file is gone from Drive (deleted, or no longer shared with this account).</summary>
    public bool NotFound => Status == 404;
}

/// <summary>Drive answered a Range request with the whole file (200): refused, so a 50 GB part is never streamed by accident.</summary>
public sealed class DriveRangeIgnoredException(string message) : DriveException(200, message, retryable: true, reason: "rangeIgnored");
