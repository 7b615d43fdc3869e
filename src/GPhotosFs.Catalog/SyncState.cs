namespace GPhotosFs.Catalog;

/// <summary>Bookkeeping of the last sync run of one source.</summary>
public sealed record SyncState
{
    /// <summary>The stored <see cref="LastResult"/> of each <see cref="Sync.SyncResult"/> (see <see cref="Sync.SyncResultText"/>).</summary>
    public const string ResultOk = "ok";
    public const string ResultFailed = "failed";
    public const string ResultPartial = "partial";
    public const string ResultCancelled = "cancelled";

    public required long SourceId { get; init; }

    public DateTimeOffset? LastStarted { get; init; }

    public DateTimeOffset? LastFinished { get; init; }

    /// <summary>When a run last completed with <see cref="ResultOk"/>.</summary>
    public DateTimeOffset? LastSuccess { get; init; }

    public string? LastResult { get; init; }

    public string? LastError { get; init; }

    /// <summary>Where an incremental source resumes (a page token, a change cursor...).</summary>
    public string? Cursor { get; init; }

    public long? ItemsSeen { get; init; }
}
