namespace GPhotosFs.Originals;

/// <summary>Why an origin request failed, which decides what the engine does next.</summary>
public enum OriginFailureKind
{
    /// <summary>5xx, a reset or refused connection, a truncated body, a timeout: retry with backoff.</summary>
    Transient,

    /// <summary>429 with a Retry-After: wait at least that long (and at least the configured floor).</summary>
    Throttled,

    /// <summary>The day's quota is used up: fail fast until it resets instead of hammering.</summary>
    QuotaExhausted,

    /// <summary>The download URL expired or was refused (401/403/404/410): get a fresh one and retry.</summary>
    Expired,

    /// <summary>
    /// The source could not be connected to at all (refused, no route, unknown host): retried only
    /// a few times (<see cref="OriginalsOptions.UnreachableRetries"/>), so a dead source fails reads
    /// in seconds instead of after every backoff, and reported in the source's health.
    /// </summary>
    Unreachable,

    /// <summary>The item is gone or unreadable at the source; retrying will not help.</summary>
    Permanent,

    /// <summary>
    /// The source refused its credentials (a revoked grant): fail at once and do not retry, but do
    /// not remember it for the item either, since a new authorization cures it without a restart.
    /// </summary>
    Unauthorized,
}
