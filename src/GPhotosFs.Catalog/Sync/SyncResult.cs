namespace GPhotosFs.Catalog.Sync;

/// <summary>How a sync run ended.</summary>
public enum SyncResult
{
    Ok,

    /// <summary>Some items were synced, some not (the error names what failed).</summary>
    Partial,

    Failed,

    Cancelled,
}

/// <summary>The words a <see cref="SyncResult"/> is stored (<see cref="SyncState.LastResult"/>), printed and labelled (metrics) as.</summary>
public static class SyncResultText
{
    public static string ToText(this SyncResult result) => result switch
    {
        SyncResult.Ok => SyncState.ResultOk,
        SyncResult.Partial => SyncState.ResultPartial,
        SyncResult.Failed => SyncState.ResultFailed,
        SyncResult.Cancelled => SyncState.ResultCancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(result), result, null),
    };
}
