using System.Text.Json;
using GPhotosFs.Catalog;
using GPhotosFs.Catalog.Health;
using GPhotosFs.Originals;
using Microsoft.Extensions.Logging;

namespace GPhotosFs.Google;

/// <summary>
/// One <c>gphotosfs pick</c>: create a Picker session, show its URL, poll at the interval Google
/// gives until the user is done (or the session times out), list the picked items, record them in
/// the catalog (photos/YYYY/MM by createTime, and the album when asked), download every original
/// through the download engine while the URLs live, and delete the session. The session id is kept
/// in the state folder until the end, so an interrupted pick resumes it (or cleans up a dead one).
/// </summary>
public sealed class PickerImport(LibraryCatalog catalog, GoogleConnection google, string stateFolder, ILogger logger)
{
    public const string SourceName = "google-picker";
    private const string StateFileName = "picker-session.json";

    private string StatePath => Path.Combine(stateFolder, StateFileName);

    public static SourceRecord EnsureSource(LibraryCatalog catalog) => catalog.EnsureSource(SourceKinds.GooglePicker, SourceName, null);

    /// <param name="showSession">Shows the user where to pick (URL, QR code); called again on a resumed session.</param>
    /// <param name="openCache">Builds the content source that downloads with the given URL provider (the CLI's CachedOriginals).</param>
    public async Task<PickOutcome> RunAsync(PickRequest request, Action<PickingSession, bool> showSession, Func<IDownloadUrlProvider, ICachedDownloads> openCache, IProgress<(int Done, int Total)>? progress, CancellationToken cancellationToken)
    {
        var source = EnsureSource(catalog);
        var (session, resumed, album) = await StartOrResumeAsync(request, cancellationToken).ConfigureAwait(false);
        showSession(session, resumed);

        if (session.MediaItemsSet != true)
        {
            session = await PollAsync(session, request.Timeout, cancellationToken).ConfigureAwait(false);
            if (session.MediaItemsSet != true)
            {
                await CleanUpAsync(session.Id, cancellationToken).ConfigureAwait(false);
                return new PickOutcome(0, 0, 0, "the picker session timed out before any items were picked; nothing was imported");
            }
        }

        var picked = await google.Picker.ListPickedAsync(session.Id, cancellationToken).ConfigureAwait(false);
        var ids = RecordPicked(source, picked);
        if (album is not null)
        {
            AddToAlbum(source.Id, album, ids);
        }

        catalog.AssignPaths();
        google.RecordAuthOk();

        var urls = new PickerDownloadUrls(google.Credentials, google.Picker, session.Id);
        urls.Remember(picked);
        var cache = openCache(urls);
        var failures = new List<string>();
        var done = 0;
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (id, ct) =>
        {
            var item = catalog.GetItem(id)!;
            try
            {
                await cache.DownloadAsync(item, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OriginException or IOException or GPhotosFs.Vfs.Content.ContentUnavailableException)
            {
                lock (failures) failures.Add($"{item.DirPath}/{item.Name}: {ex.Message}");
            }

            progress?.Report((Interlocked.Increment(ref done), ids.Count));
        }).ConfigureAwait(false);

        if (failures.Count > 0)
        {
            // Keep the session: the next `gphotosfs pick` resumes it and fetches what is missing while its URLs live.
            foreach (var failure in failures.Take(5)) google.Health.RecordError(source.Id, failure);
            return new PickOutcome(ids.Count, ids.Count - failures.Count, failures.Count, $"{failures.Count} of {ids.Count} originals could not be downloaded (first: {failures[0]}); run `gphotosfs pick` again to resume");
        }

        await CleanUpAsync(session.Id, cancellationToken).ConfigureAwait(false);
        return new PickOutcome(ids.Count, ids.Count, 0, null);
    }

    /// <summary>
    /// Catalog ids of the picked items in pick order. An item the Library API source already has
    /// (same Google id) is that item, not a second copy; the rest are recorded under the picker source.
    /// </summary>
    private List<long> RecordPicked(SourceRecord source, IReadOnlyList<PickedMediaItem> picked)
    {
        var library = catalog.GetSources().FirstOrDefault(s => s.Kind == SourceKinds.GoogleLibrary)?.Id;
        var existing = picked.Select(p => library is { } l ? catalog.FindItemId(l, p.Id) : null).ToList();
        var fresh = picked.Where((_, i) => existing[i] is null).Select(p => ToRecord(source.Id, p)).ToList();
        var freshIds = new Queue<long>(fresh.Count > 0 ? catalog.UpsertItems(fresh) : []);
        return existing.Select(id => id ?? freshIds.Dequeue()).ToList();
    }

    private async Task<(PickingSession Session, bool Resumed, string? Album)> StartOrResumeAsync(PickRequest request, CancellationToken cancellationToken)
    {
        if (ReadState() is { } saved)
        {
            try
            {
                var existing = await google.Picker.GetSessionAsync(saved.SessionId, cancellationToken).ConfigureAwait(false);
                return (existing, true, saved.Album ?? request.Album);
            }
            catch (GoogleApiException ex) when (ex.Status is 404 or 400)
            {
                File.Delete(StatePath); // the session expired or was deleted: start afresh
            }
        }

        var session = await google.Picker.CreateSessionAsync(cancellationToken).ConfigureAwait(false);
        PrivateFolder.Ensure(stateFolder);
        File.WriteAllText(StatePath, JsonSerializer.Serialize(new SavedSession(session.Id, request.Album), GoogleApiClient.Json));
        return (session, false, request.Album);
    }

    private async Task<PickingSession> PollAsync(PickingSession session, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var serverTimeout = PollingConfig.ParseDuration(session.PollingConfig?.TimeoutIn) ?? timeout;
        var deadline = DateTimeOffset.UtcNow + (serverTimeout < timeout ? serverTimeout : timeout);
        while (session.MediaItemsSet != true && DateTimeOffset.UtcNow < deadline)
        {
            var interval = PollingConfig.ParseDuration(session.PollingConfig?.PollInterval) ?? TimeSpan.FromSeconds(5);
            await Task.Delay(interval < TimeSpan.FromMilliseconds(100) ? TimeSpan.FromMilliseconds(100) : interval, cancellationToken).ConfigureAwait(false);
            session = await google.Picker.GetSessionAsync(session.Id, cancellationToken).ConfigureAwait(false);
        }

        return session;
    }

    private async Task CleanUpAsync(string sessionId, CancellationToken cancellationToken)
    {
        try
        {
            await google.Picker.DeleteSessionAsync(sessionId, cancellationToken).ConfigureAwait(false);
        }
        catch (GoogleApiException ex) when (ex.Status == 404)
        {
            // already gone
        }

        File.Delete(StatePath);
    }

    private void AddToAlbum(long sourceId, string title, IReadOnlyList<long> ids)
    {
        var albumId = catalog.UpsertAlbum(new AlbumRecord { SourceId = sourceId, SourceAlbumId = "picked:" + title, Title = title });
        var existing = catalog.ReadTreeAlbumEntries().Where(e => e.AlbumId == albumId).Select(e => e.ItemId).ToList();
        catalog.SetAlbumItems(albumId, existing.Concat(ids.Where(id => !existing.Contains(id))).ToList());
    }

    private SavedSession? ReadState()
    {
        try
        {
            return File.Exists(StatePath) ? JsonSerializer.Deserialize<SavedSession>(File.ReadAllText(StatePath), GoogleApiClient.Json) : null;
        }
        catch (JsonException)
        {
            logger.LogWarning("Ignoring a damaged {File}", StatePath);
            return null;
        }
    }

    internal static ItemRecord ToRecord(long sourceId, PickedMediaItem item) => new()
    {
        SourceId = sourceId,
        SourceItemId = item.Id,
        Locator = LibraryDownloadUrls.LocatorOf(item.IsVideo),
        FileName = string.IsNullOrWhiteSpace(item.MediaFile?.Filename) ? item.Id : item.MediaFile.Filename,
        MimeType = item.MediaFile?.MimeType,
        CaptureTime = item.CreateTime,
        CaptureTimeSource = item.CreateTime is null ? null : "api",
        Width = item.MediaFile?.MediaFileMetadata?.Width,
        Height = item.MediaFile?.MediaFileMetadata?.Height,
        CameraMake = item.MediaFile?.MediaFileMetadata?.CameraMake,
        CameraModel = item.MediaFile?.MediaFileMetadata?.CameraModel,
    };

    private sealed record SavedSession(string SessionId, string? Album);
}

/// <param name="Album">Also put the picked items in this album (created when missing).</param>
/// <param name="Timeout">Give up waiting for the user after this long (or when Google's session times out, if sooner).</param>
public sealed record PickRequest(string? Album, TimeSpan Timeout);

public sealed record PickOutcome(int Picked, int Downloaded, int Failed, string? Error);

/// <summary>Downloads an item's whole original into the persistent cache (the CLI's CachedOriginals).</summary>
public interface ICachedDownloads
{
    Task DownloadAsync(ItemRecord item, CancellationToken cancellationToken);
}
