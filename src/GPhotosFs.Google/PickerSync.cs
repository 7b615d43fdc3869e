using GPhotosFs.Catalog;
using GPhotosFs.Catalog.Sync;

namespace GPhotosFs.Google;

/// <summary>
/// The "google-picker" source has nothing to sync: its items come only from `gphotosfs pick`, and
/// their originals were copied into the cache then. A sync of it (a bare `gphotosfs sync`, or
/// `sync --source google-picker`) succeeds at once without a request, recording that the source
/// is as current as it can be; `status` never calls it stale.
/// </summary>
public sealed class PickerSync(LibraryCatalog catalog) : ILibrarySync
{
    public string Kind => SourceKinds.GooglePicker;

    public Task<SyncOutcome> SyncAsync(SourceRecord source, SyncRequest request, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var items = catalog.ReadItemSourceIds().Count(p => p.Value == source.Id);
        catalog.SaveSyncState(new SyncState
        {
            SourceId = source.Id,
            LastStarted = now,
            LastFinished = now,
            LastSuccess = now,
            LastResult = SyncResult.Ok.ToText(),
            ItemsSeen = items,
        });
        return Task.FromResult(new SyncOutcome(SyncResult.Ok, items, 0, 0));
    }
}
