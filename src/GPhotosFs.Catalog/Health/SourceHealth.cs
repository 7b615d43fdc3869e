namespace GPhotosFs.Catalog.Health;

/// <summary>
/// What a source knows about its own health that the catalog's sync bookkeeping does not hold:
/// whether its credentials work, its request quota, whether its backing data (an archive, a
/// folder) is reachable, and its recent errors. Sources and the mount daemon write it; `status`
/// and the mount's <c>.gphotosfs/status.json</c> read it. Null means "nothing known".
/// </summary>
public sealed record SourceHealth
{
    /// <summary>Conventional <see cref="AuthState"/> values.</summary>
    public const string AuthOk = "ok";
    public const string AuthBroken = "broken";

    public required long SourceId { get; init; }

    /// <summary><see cref="AuthOk"/>, <see cref="AuthBroken"/>, or null for sources without credentials.</summary>
    public string? AuthState { get; init; }

    /// <summary>When auth is broken: what happened and what to do ("run gphotosfs auth again"). Never a secret.</summary>
    public string? AuthMessage { get; init; }

    /// <summary>Requests made in the current quota day, per quota name (e.g. "api", "media").</summary>
    public IReadOnlyDictionary<string, QuotaUsage> Quotas { get; init; } = new Dictionary<string, QuotaUsage>();

    /// <summary>Set while a quota is exhausted: requests fail fast until then.</summary>
    public DateTimeOffset? QuotaExhaustedUntil { get; init; }

    public string? QuotaMessage { get; init; }

    /// <summary>
    /// Each quota the source found used up (e.g. "media" while "api" still works), with when one
    /// request checks again whether it has reset. <see cref="QuotaExhaustedUntil"/> and
    /// <see cref="QuotaMessage"/> summarize these (the earliest check), so every reader shows the same time.
    /// </summary>
    public IReadOnlyDictionary<string, QuotaBlock> QuotaBlocks { get; init; } = new Dictionary<string, QuotaBlock>();

    /// <summary>Backing data that cannot be reached (e.g. "archive takeout-2026-001.zip is missing from /srv/takeout"); null when all is reachable.</summary>
    public string? Unavailable { get; init; }

    /// <summary>Most recent first, at most <see cref="SourceHealthStore.MaxRecentErrors"/>.</summary>
    public IReadOnlyList<HealthEvent> RecentErrors { get; init; } = [];

    public DateTimeOffset? UpdatedAt { get; init; }
}

/// <summary>Requests used of one daily quota. <paramref name="Day"/> is the quota day (Google's reset at midnight Pacific time).</summary>
public sealed record QuotaUsage(string Day, long Used, long? Limit);

/// <summary>A used-up quota: requests of it fail fast until <paramref name="RecheckAt"/>, when one request checks whether it has reset.</summary>
public sealed record QuotaBlock(DateTimeOffset RecheckAt, string Message);

/// <summary>One error worth showing in the status: when, and what (naming the item or file; never a secret).</summary>
public sealed record HealthEvent(DateTimeOffset At, string Message);
