namespace GPhotosFs.Catalog.History;

/// <summary>One recorded run of a sync, prefetch, Takeout add or mount (see <see cref="RunKinds"/>).</summary>
/// <param name="Result"><see cref="RunResults"/>: running (or died without finishing), ok, failed.</param>
/// <param name="Error">The last error, naming the item or file; null when none.</param>
public sealed record RunRecord(
    long Id,
    string Kind,
    string? SourceName,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    string Result,
    long ItemsAdded,
    long BytesAdded,
    long Errors,
    string? Error,
    int? Pid)
{
    public TimeSpan? Duration => FinishedAt - StartedAt;
}

/// <summary>What a finished run did.</summary>
public sealed record RunOutcome(bool Succeeded, long ItemsAdded = 0, long BytesAdded = 0, long Errors = 0, string? Error = null);

/// <summary>The kinds of run the history records.</summary>
public static class RunKinds
{
    public const string Sync = "sync";
    public const string Prefetch = "prefetch";
    public const string TakeoutAdd = "takeout_add";
    public const string Mount = "mount";
}

public static class RunResults
{
    public const string Running = "running";
    public const string Ok = "ok";
    public const string Failed = "failed";
}

/// <summary>The library's size and its cache's at one moment.</summary>
public sealed record LibrarySample(DateTimeOffset At, long LibraryItems, long LibraryBytes, long CacheFiles, long CacheBytes);

/// <summary>Requests used of one source's quota on one quota day (the most seen that day).</summary>
public sealed record QuotaDay(string Day, string SourceName, string Quota, long Used, long? Limit);
