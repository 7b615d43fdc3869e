using System.Globalization;
using System.Text.Json;
using GPhotosFs.Catalog;
using GPhotosFs.Catalog.Health;
using GPhotosFs.Catalog.Sync;
using GPhotosFs.Originals;
using Microsoft.Extensions.Logging;

namespace GPhotosFs.Google;

/// <summary>
/// Brings a "google-library" source up to date with the Library API (which since 2025 lists only
/// what the app itself uploaded). Every run lists all items (pages of 100) and albums (pages of
/// 50): the API has no change feed, and its listing order is undocumented, so nothing short of a
/// full listing finds every new item. What an incremental run saves is everything else: it writes
/// only new items (an unchanged library leaves the catalog, and so the mount, untouched), lists
/// every album's members (Google reports no album change but the item count) and writes only the
/// albums that are new, renamed or changed, and asks sizes only of unsized items.
/// A full run (<see cref="SyncRequest.Full"/>) rewrites every item's metadata, re-reads every
/// album, and marks items Google no longer lists as missing (the cache keeps their bytes).
/// </summary>
public sealed class LibrarySync(LibraryCatalog catalog, GoogleConnection google, ILogger logger, int sizeParallelism = 16) : ILibrarySync
{
    private readonly LibraryCatalog _catalog = catalog;
    private readonly GoogleConnection _google = google;
    private readonly ILogger _logger = logger;
    private readonly int _sizeParallelism = sizeParallelism;

        private const int WriteBatch = 500;

    public string Kind => SourceKinds.GoogleLibrary;

    public async Task<SyncOutcome> SyncAsync(SourceRecord source, SyncRequest request, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        var previous = _catalog.GetSyncState(source.Id);
        var cursor = Cursor.Parse(previous?.Cursor);
        _catalog.SaveSyncState((previous ?? new SyncState { SourceId = source.Id }) with { SourceId = source.Id, LastStarted = started });
        try
        {
            var run = new Run(this, source, request, cursor);
            var outcome = await run.ExecuteAsync(cancellationToken).ConfigureAwait(false);
            _google.RecordAuthOk();
            _google.RecordReachable();
            _catalog.SaveSyncState(new SyncState
            {
                SourceId = source.Id,
                LastStarted = started,
                LastFinished = DateTimeOffset.UtcNow,
                LastSuccess = outcome.Succeeded ? DateTimeOffset.UtcNow : previous?.LastSuccess,
                LastResult = outcome.Result.ToText(),
                LastError = outcome.Error,
                Cursor = run.NextCursor.ToJson(),
                ItemsSeen = outcome.ItemsSeen,
            });
            if (outcome.Error is not null) _google.Health.RecordError(source.Id, outcome.Error);
            return outcome;
        }
        catch (Exception ex) when (ex is GoogleApiException or GoogleAuthException or GoogleConfigException or OperationCanceledException)
        {
            var cancelled = ex is OperationCanceledException;
            var message = cancelled ? "cancelled" : $"sync of '{source.Name}' failed: {ex.Message}";
            if (ex is GoogleAuthException)
            {
                _google.Health.Update(source.Id, h => h with { AuthState = SourceHealth.AuthBroken, AuthMessage = ex.Message });
            }

            if (!cancelled)
            {
                GoogleLog.SyncFailed(_logger, source.Name, ex.Message);
                _google.Health.RecordError(source.Id, message);
            }

            if (ex is GoogleApiException { Status: 0 or >= 500 } and not GoogleQuotaException)
            {
                // Google could not be reached or kept failing: status says the source is unavailable (exit 12) until a sync gets through.
                _google.RecordUnreachable($"Google's Library API could not be reached by the last sync ({ex.Message}); it is retried at the next sync");
            }

            _catalog.SaveSyncState(new SyncState
            {
                SourceId = source.Id,
                LastStarted = started,
                LastFinished = DateTimeOffset.UtcNow,
                LastSuccess = previous?.LastSuccess,
                LastResult = (cancelled ? SyncResult.Cancelled : SyncResult.Failed).ToText(),
                LastError = message,
                Cursor = previous?.Cursor,
                ItemsSeen = previous?.ItemsSeen,
            });
            if (cancelled && cancellationToken.IsCancellationRequested) throw;
            return new SyncOutcome(cancelled ? SyncResult.Cancelled : SyncResult.Failed, 0, 0, 0, message);
        }
        finally
        {
            _google.Budget.Flush();
        }
    }

    internal static ItemRecord ToRecord(long sourceId, MediaItem item) => new()
    {
        SourceId = sourceId,
        SourceItemId = item.Id,
        Locator = LibraryDownloadUrls.LocatorOf(item.IsVideo),
        FileName = string.IsNullOrWhiteSpace(item.Filename) ? item.Id : item.Filename,
        MimeType = item.MimeType,
        CaptureTime = item.MediaMetadata?.CreationTime,
        CaptureTimeSource = item.MediaMetadata?.CreationTime is null ? null : "api",
        Width = ParseInt(item.MediaMetadata?.Width),
        Height = ParseInt(item.MediaMetadata?.Height),
        CameraMake = item.MediaMetadata?.Photo?.CameraMake,
        CameraModel = item.MediaMetadata?.Photo?.CameraModel,
        Description = item.Description,
    };

    private static int? ParseInt(string? value) => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>One sync run's working state.</summary>
    private sealed class Run(LibrarySync owner, SourceRecord source, SyncRequest request, Cursor start)
    {
        private readonly LibraryCatalog _catalog = owner._catalog;
        private readonly GoogleConnection _google = owner._google;
        private readonly List<string> _seen = [];
        private readonly Dictionary<string, ItemRecord> _needSize = new(StringComparer.Ordinal);
        private long _added;

        /// <summary>An album appeared, was renamed or changed members: names must be assigned.</summary>
        public bool AlbumsChanged { get; private set; }

        private readonly Cursor _start = start;
        private readonly long? _pickerSource = owner._catalog.GetSources().FirstOrDefault(s => s.Kind == SourceKinds.GooglePicker)?.Id;

        public Cursor NextCursor { get; private set; } = new([], []);

        public async Task<SyncOutcome> ExecuteAsync(CancellationToken cancellationToken)
        {
            await ListItemsAsync(cancellationToken).ConfigureAwait(false);
            var albumCounts = await SyncAlbumsAsync(cancellationToken).ConfigureAwait(false);
            // Every run lists every item, so what the listing lacks is gone at Google (deleted, or
            // no longer the app's): mark it, and the mount hides it unless its bytes are cached.
            var missing = _catalog.MarkMissing(source.Id, _seen).NewlyMissing;

            var sizes = await ResolveSizesAsync(cancellationToken).ConfigureAwait(false);
            if (_added > 0 || sizes.Sizes.Count > 0 || AlbumsChanged || missing > 0 || request.Full)
            {
                _catalog.AssignPaths();
            }

            NextCursor = new Cursor(albumCounts, _needSize.Keys.Where(id => !sizes.SizedSourceIds.Contains(id)).ToList());
            var error = sizes.StoppedBecause ?? (sizes.Failed > 0 ? $"{sizes.Failed} items' sizes are still unknown (they stay hidden until a later sync learns them)" : null);
            return new SyncOutcome(error is null ? SyncResult.Ok : SyncResult.Partial, _seen.Count, _added, missing, error);
        }

        private async Task ListItemsAsync(CancellationToken cancellationToken)
        {
            var unsized = new HashSet<string>(_start.Unsized, StringComparer.Ordinal);
            string? token = null;
            var page = 0;
            do
            {
                var result = await _google.Library.ListMediaItemsAsync(token, ++page, cancellationToken).ConfigureAwait(false);
                var items = result.MediaItems ?? [];
                _google.LibraryUrls.Remember(items);
                var toWrite = new List<ItemRecord>();
                foreach (var item in items)
                {
                    _seen.Add(item.Id);
                    var knownId = _catalog.FindItemId(source.Id, item.Id);
                    if (knownId is null && _pickerSource is { } picker && _catalog.FindItemId(picker, item.Id) is { } picked)
                    {
                        // Picked before the Library API listed it: the same Google item, so the same catalog item.
                        _catalog.MoveItemToSource(picked, source.Id);
                        knownId = picked;
                        if (_catalog.GetItem(picked)?.Size is null) unsized.Add(item.Id);
                    }

                    var known = knownId is not null;
                    if (!known || request.Full)
                    {
                        toWrite.Add(ToRecord(source.Id, item));
                    }

                    if (!known)
                    {
                        _added++;
                    }

                    if (!known || unsized.Contains(item.Id))
                    {
                        _needSize[item.Id] = ToRecord(source.Id, item);
                    }
                }

                if (toWrite.Count > 0)
                {
                    _catalog.UpsertItems(toWrite);
                }

                request.Progress?.Report(new SyncProgress("listing items", _seen.Count, null));
                token = string.IsNullOrEmpty(result.NextPageToken) ? null : result.NextPageToken;
            }
            while (token is not null);
        }

        private async Task<Dictionary<string, string>> SyncAlbumsAsync(CancellationToken cancellationToken)
        {
            var counts = new Dictionary<string, string>(StringComparer.Ordinal);
            string? token = null;
            var page = 0;
            var albums = new List<Album>();
            do
            {
                var result = await _google.Library.ListAlbumsAsync(token, ++page, cancellationToken).ConfigureAwait(false);
                albums.AddRange(result.Albums ?? []);
                token = string.IsNullOrEmpty(result.NextPageToken) ? null : result.NextPageToken;
            }
            while (token is not null);

            // Every album's members are listed on every run: Google reports no change of an album but
            // its item count, which misses one-out-one-in edits. That costs one request per 100
            // members (about the listing's own cost when albums hold the library once), and writes
            // only what differs, so an unchanged library leaves the catalog and the mount alone.
            var known = _catalog.ReadAlbumMembers(source.Id);
            var done = 0;
            foreach (var album in albums)
            {
                counts[album.Id] = album.MediaItemsCount ?? "";
                var title = string.IsNullOrWhiteSpace(album.Title) ? album.Id : album.Title;
                var ids = await _google.Library.ListAlbumItemIdsAsync(album, cancellationToken).ConfigureAwait(false);
                var itemIds = ids.Select(id => _catalog.FindItemId(source.Id, id)).OfType<long>().Distinct().ToList();
                known.TryGetValue(album.Id, out var before);
                if (before is null || before.Title != title || request.Full)
                {
                    var albumId = _catalog.UpsertAlbum(new AlbumRecord { SourceId = source.Id, SourceAlbumId = album.Id, Title = title });
                    if (before is not null && before.Title != title)
                    {
                        _catalog.ForgetAlbumFolder(albumId); // renamed at Google: the folder follows the new title
                    }

                    AlbumsChanged |= before is null || before.Title != title;
                    before = new AlbumMembers(albumId, title, before?.ItemIds ?? []);
                }

                if (!before.ItemIds.SequenceEqual(itemIds))
                {
                    _catalog.SetAlbumItems(before.AlbumId, itemIds);
                    AlbumsChanged = true;
                }

                request.Progress?.Report(new SyncProgress("albums", ++done, albums.Count));
            }

            return counts;
        }

        private async Task<SizeOutcome> ResolveSizesAsync(CancellationToken cancellationToken)
        {
            var records = _needSize.Values.ToList();
            var keys = new List<OriginalKey>(records.Count);
            var byItemId = new Dictionary<long, ItemRecord>();
            foreach (var record in records)
            {
                if (_catalog.FindItemId(source.Id, record.SourceItemId) is not { } id) continue;
                keys.Add(new OriginalKey(id, record.SourceItemId, record.Locator, record.FileName));
                byItemId[id] = record;
            }

            if (keys.Count == 0)
            {
                return new SizeOutcome(new Dictionary<long, long>(), new HashSet<string>(), 0, null);
            }

            var progress = request.Progress is { } p ? new Progress<long>(n => p.Report(new SyncProgress("sizes", n, keys.Count))) : null;
            var results = await new SizeResolver(_google.LibraryOrigin, owner._logger, owner._sizeParallelism).ResolveAsync(keys, progress, cancellationToken).ConfigureAwait(false);
            var sized = results.Sizes.Select(s => byItemId[s.Key] with { Size = s.Value }).ToList();
            for (var i = 0; i < sized.Count; i += WriteBatch)
            {
                _catalog.UpsertItems(sized.GetRange(i, Math.Min(WriteBatch, sized.Count - i)));
            }

            return new SizeOutcome(results.Sizes, sized.Select(r => r.SourceItemId).ToHashSet(StringComparer.Ordinal), results.Failed, results.StoppedBecause);
        }
    }

    private sealed record SizeOutcome(IReadOnlyDictionary<long, long> Sizes, HashSet<string> SizedSourceIds, int Failed, string? StoppedBecause);

    /// <summary>What the next incremental run starts from, kept in SyncState.Cursor as JSON.</summary>
    internal sealed record Cursor(Dictionary<string, string> Albums, List<string> Unsized)
    {
        public static Cursor Parse(string? json)
        {
            if (string.IsNullOrEmpty(json)) return new Cursor([], []);
            try
            {
                var parsed = JsonSerializer.Deserialize<Cursor>(json, GoogleApiClient.Json);
                return new Cursor(parsed?.Albums ?? [], parsed?.Unsized ?? []);
            }
            catch (JsonException)
            {
                return new Cursor([], []); // a damaged cursor costs one run that re-reads albums
            }
        }

        public string ToJson() => JsonSerializer.Serialize(this, GoogleApiClient.Json);
    }
}
