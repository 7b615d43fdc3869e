using GPhotosFs.Catalog.Health;
using GPhotosFs.Cli.Daemon;
using GPhotosFs.Library;

namespace GPhotosFs.Cli.Status;

/// <summary>
/// The health of a library at one moment, as <c>gphotosfs status --json</c> prints it and the mount
/// serves it at <c>.gphotosfs/status.json</c>. <see cref="ExitCode"/> is the status command's exit code.
/// </summary>
public sealed record LibraryStatus
{
    public required string Library { get; init; }

    public required DateTimeOffset GeneratedAt { get; init; }

    public required bool Healthy { get; init; }

    /// <summary>0 when healthy, else the most urgent of the ExitCodes status codes.</summary>
    public required int ExitCode { get; init; }

    /// <summary>One line per problem, naming the source.</summary>
    public required IReadOnlyList<string> Problems { get; init; }

    public required long StaleAfterSeconds { get; init; }

    public required CacheStatus Cache { get; init; }

    /// <summary>The daemon serving the library, or null when it is not mounted.</summary>
    public required MountInfo? Mount { get; init; }

    public required IReadOnlyList<SourceStatus> Sources { get; init; }
}

public sealed record SourceStatus
{
    public required long Id { get; init; }

    public required string Kind { get; init; }

    public required string Name { get; init; }

    /// <summary>ok, or the most urgent problem: auth_broken, quota_exhausted, unavailable, stale.</summary>
    public required string State { get; init; }

    /// <summary>Items of this source shown in the mount.</summary>
    public required long Items { get; init; }

    public required long ItemsCached { get; init; }

    public required long BytesCached { get; init; }

    public required SyncStatus? LastSync { get; init; }

    public required string? AuthState { get; init; }

    public required string? AuthMessage { get; init; }

    public required DateTimeOffset? QuotaExhaustedUntil { get; init; }

    public required string? QuotaMessage { get; init; }

    public required IReadOnlyDictionary<string, QuotaUsage> Quotas { get; init; }

    public required string? Unavailable { get; init; }

    public required IReadOnlyList<HealthEvent> RecentErrors { get; init; }
}

public sealed record SyncStatus(DateTimeOffset? Started, DateTimeOffset? Finished, DateTimeOffset? LastSuccess, string? Result, string? Error, long? ItemsSeen);
