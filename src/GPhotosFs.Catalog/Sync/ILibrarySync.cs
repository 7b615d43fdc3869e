namespace GPhotosFs.Catalog.Sync;

/// <summary>
/// Brings one kind of catalog source up to date with where its items live (Google's Library API,
/// a Takeout archive folder…). <c>gphotosfs sync</c> and the mount's sync interval run every
/// configured source through the implementation registered for its <see cref="SourceRecord.Kind"/>.
/// Implementations record their own <see cref="SyncState"/> and health; they throw only for bugs
/// and cancellation, and report failures in the returned <see cref="SyncOutcome"/>.
/// </summary>
public interface ILibrarySync
{
    /// <summary>The source kind this brings up to date, e.g. "google-library".</summary>
    string Kind { get; }

    Task<SyncOutcome> SyncAsync(SourceRecord source, SyncRequest request, CancellationToken cancellationToken);
}

/// <param name="Full">Re-list everything and mark what is gone (slower, more requests) instead of an incremental pass.</param>
/// <param name="Progress">Receives a line now and then ("listed 3,200 items"); may be null.</param>
public sealed record SyncRequest(bool Full, IProgress<SyncProgress>? Progress = null);

/// <summary>Where a sync run stands: a phase ("listing items", "sizes") and how far it got (Total null when unknown).</summary>
public sealed record SyncProgress(string Phase, long Done, long? Total);

/// <summary>How a run ended, with counts and, when not ok, a message naming what failed.</summary>
public sealed record SyncOutcome(SyncResult Result, long ItemsSeen, long ItemsAdded, long ItemsMissing, string? Error = null)
{
    public bool Succeeded => Result == SyncResult.Ok;
}
