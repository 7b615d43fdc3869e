namespace GPhotosFs.Originals;

/// <summary>An origin request failed. The message names the item and says what happened; it never contains a URL or token.</summary>
public sealed class OriginException(OriginFailureKind kind, string message, TimeSpan? retryAfter = null, Exception? inner = null)
    : Exception(message, inner)
{
    public OriginFailureKind Kind { get; } = kind;

    /// <summary>For <see cref="OriginFailureKind.Throttled"/>: the server's Retry-After.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
