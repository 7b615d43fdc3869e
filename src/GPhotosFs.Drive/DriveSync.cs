using GPhotosFs.Catalog;
using GPhotosFs.Catalog.Health;
using GPhotosFs.Catalog.Sync;
using GPhotosFs.Google;
using GPhotosFs.Takeout.Archives;
using GPhotosFs.Takeout.Indexing;

namespace GPhotosFs.Drive;

/// <summary>
/// <c>gphotosfs sync</c> (and a mount's sync interval) for Takeout on Drive: lists the source's
/// Drive folder (the source's name) again, indexes exports that landed since, notices parts removed
/// (health names the export), and records the run. Failures are reported in the outcome, not thrown.
/// </summary>
public sealed class DriveSync(LibraryCatalog catalog, DriveConnection connection, SourceHealthStore health, TimeProvider? time = null) : ILibrarySync
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public string Kind => DriveTakeout.Kind;

    public async Task<SyncOutcome> SyncAsync(SourceRecord source, SyncRequest request, CancellationToken cancellationToken)
    {
        var started = _time.GetUtcNow();
        var progress = request.Progress is null ? null : new Progress<TakeoutProgress>(p => request.Progress.Report(new SyncProgress(p.Stage, p.Done, p.Total == 0 ? null : p.Total)));
        var before = catalog.GetSyncState(source.Id);
        SyncOutcome outcome;
        try
        {
            var result = await new DriveTakeout(catalog, connection.Parts, health, progress).AddAsync(source.Name, cancellationToken).ConfigureAwait(false);
            var problems = result.Indexed.PartErrors.Concat(result.Refused).ToList();
            var items = catalog.GetSyncState(source.Id)?.ItemsSeen ?? result.Indexed.Items;
            outcome = new SyncOutcome(problems.Count == 0 ? SyncResult.Ok : SyncResult.Partial, items, result.Indexed.Items, result.Indexed.NewlyMissing,
                problems.Count == 0 ? null : string.Join("; ", problems));
        }
        catch (Exception ex) when (ex is DriveException or RemotePartException or GoogleAuthException or GoogleApiException or GoogleConfigException)
        {
            var message = $"Takeout on Google Drive (folder '{source.Name}'): {ex.Message}";
            health.Update(source.Id, h => h with { RecentErrors = h.RecentErrors.Prepend(new HealthEvent(_time.GetUtcNow(), message)).Take(SourceHealthStore.MaxRecentErrors).ToList() });
            outcome = new SyncOutcome(SyncResult.Failed, before?.ItemsSeen ?? 0, 0, 0, message);
        }

        var finished = _time.GetUtcNow();
        catalog.SaveSyncState(new SyncState
        {
            SourceId = source.Id,
            LastStarted = started,
            LastFinished = finished,
            LastSuccess = outcome.Result == SyncResult.Ok ? finished : before?.LastSuccess,
            LastResult = outcome.Result.ToText(),
            LastError = outcome.Error,
            ItemsSeen = outcome.ItemsSeen,
        });
        return outcome;
    }
}
