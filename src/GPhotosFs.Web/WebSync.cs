using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using GPhotosFs.Catalog;
using GPhotosFs.Catalog.Health;
using GPhotosFs.Catalog.Sync;
using GPhotosFs.Originals;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace GPhotosFs.Web;

/// <summary>Where the web source keeps things: the profile beside config.json, its state and the browser's downloads in the library.</summary>
/// <param name="DownloadsFolder">On the cache's filesystem (the partial folder), so a download is renamed, never copied.</param>
public sealed record WebPaths(string ConfigFolder, string StateFolder, string DownloadsFolder)
{
    public string Profile => WebBrowser.ProfileFolder(ConfigFolder);
}

/// <summary>
/// Brings the "google-web" source up to date through photos.google.com in headless Chromium: walk
/// the grid newest first and stop at known items (a full walk every <see cref="WebSettings.FullWalkInterval"/>,
/// or with <c>--full</c>, also marks what is gone), download each new item's original through the
/// UI into the cache (an item appears in the mount once its original is cached: the UI tells no size
/// before), recognise items other sources already have, then albums. A signed-out profile fails at
/// once with "run `gphotosfs web login`" (auth broken, exit 10); a UI that no longer matches the
/// locale table fails with "the web UI changed" and the saved page (unavailable, exit 12).
/// </summary>
/// <param name="origin">Hands each download to <paramref name="cache"/>, which verifies and commits it.</param>
public sealed class WebSync(LibraryCatalog catalog, WebPaths paths, SourceHealthStore health, DownloadedOriginals origin, CachedOriginals cache, ILogger logger) : ILibrarySync
{
    public const string SourceKind = SourceKinds.GoogleWeb;
    public const string SourceName = "google-web";
    public const string Locator = "web";
    private const int StopAfterKnown = 3;

    private readonly LibraryCatalog _catalog = catalog;
    private readonly WebPaths _paths = paths;
    private readonly ILogger _logger = logger;

    public string Kind => SourceKind;

    /// <summary>Overrides the settings read from config.json (tests, benchmarks).</summary>
    public WebSettings? Settings { get; init; }

    /// <summary>Called with the browser once it runs (benchmarks sample its memory).</summary>
    public Action<WebBrowser>? BrowserStarted { get; init; }

    public static SourceRecord EnsureSource(LibraryCatalog catalog) => catalog.EnsureSource(SourceKind, SourceName, null);

    public async Task<SyncOutcome> SyncAsync(SourceRecord source, SyncRequest request, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        var previous = _catalog.GetSyncState(source.Id);
        _catalog.SaveSyncState((previous ?? new SyncState { SourceId = source.Id }) with { SourceId = source.Id, LastStarted = started });
        var statePath = WebState.PathFor(_paths.StateFolder, source.Id);
        var state = WebState.Load(statePath);
        SyncOutcome outcome;
        try
        {
            var settings = Settings ?? WebSettings.Read(_paths.ConfigFolder);
            var full = request.Full || state.LastFullWalk is not { } last || started - last >= settings.FullWalkInterval;
            await using var browser = await WebBrowser.LaunchAsync(settings, _paths.Profile, _paths.DownloadsFolder, headless: true, _logger, cancellationToken).ConfigureAwait(false);
            BrowserStarted?.Invoke(browser);
            var run = new Run(this, settings, source, request, state, browser, origin, cache, full);
            outcome = await run.ExecuteAsync(cancellationToken).ConfigureAwait(false);
            health.Update(source.Id, h => h with { AuthState = SourceHealth.AuthOk, AuthMessage = null, Unavailable = null });
        }
        catch (Exception ex) when (ex is WebSignedOutException or WebUiChangedException or WebStuckException or WebConfigException or PlaywrightException or IOException or TimeoutException or OperationCanceledException)
        {
            var cancelled = ex is OperationCanceledException;
            var message = cancelled ? "cancelled" : $"sync of '{source.Name}' failed: {ex.Message}";
            switch (ex)
            {
                case WebSignedOutException:
                    health.Update(source.Id, h => h with { AuthState = SourceHealth.AuthBroken, AuthMessage = ex.Message });
                    break;
                case WebUiChangedException changed:
                    WebLog.UiChanged(_logger, changed.Message, changed.Evidence ?? "(nothing saved)");
                    health.Update(source.Id, h => h with { Unavailable = ex.Message });
                    break;
                case WebStuckException:
                    health.Update(source.Id, h => h with { Unavailable = ex.Message });
                    break;
                case TimeoutException:
                    message = $"sync of '{source.Name}' failed: photos.google.com did not answer in time ({FirstLine(ex.Message)}); it is tried again at the next sync";
                    health.Update(source.Id, h => h with { Unavailable = message });
                    break;
                case PlaywrightException:
                    message = $"sync of '{source.Name}' failed: Chromium could not be driven ({FirstLine(ex.Message)})";
                    health.Update(source.Id, h => h with { Unavailable = message });
                    break;
            }

            if (!cancelled)
            {
                WebLog.SyncFailed(_logger, source.Name, message);
                health.RecordError(source.Id, message);
            }

            state.Save(statePath);
            _catalog.SaveSyncState(new SyncState
            {
                SourceId = source.Id, LastStarted = started, LastFinished = DateTimeOffset.UtcNow, LastSuccess = previous?.LastSuccess,
                LastResult = (cancelled ? SyncResult.Cancelled : SyncResult.Failed).ToText(), LastError = message, ItemsSeen = previous?.ItemsSeen,
            });
            if (cancelled && cancellationToken.IsCancellationRequested) throw;
            return new SyncOutcome(cancelled ? SyncResult.Cancelled : SyncResult.Failed, 0, 0, 0, message);
        }

        state.Save(statePath);
        if (outcome.Error is not null) health.RecordError(source.Id, outcome.Error);
        _catalog.SaveSyncState(new SyncState
        {
            SourceId = source.Id, LastStarted = started, LastFinished = DateTimeOffset.UtcNow,
            LastSuccess = outcome.Succeeded ? DateTimeOffset.UtcNow : previous?.LastSuccess,
            LastResult = outcome.Result.ToText(), LastError = outcome.Error, ItemsSeen = outcome.ItemsSeen,
        });
        return outcome;
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

    /// <summary>The catalog's source item id of a web item's first original (a zip's other files are "ID/NAME").</summary>
    public static string WebIdOf(string sourceItemId) => sourceItemId.Split('/', 2)[0];

    private sealed class Run(WebSync owner, WebSettings settings, SourceRecord source, SyncRequest request, WebState state, WebBrowser browser,
        DownloadedOriginals origin, CachedOriginals cache, bool full)
    {
        private readonly LibraryCatalog _catalog = owner._catalog;
        private readonly ILogger _logger = owner._logger;
        private readonly FailureEvidence _evidence = new(owner._paths.StateFolder);
        private readonly object _catalogLock = new();
        private readonly object _stateLock = new();
        private readonly SemaphoreSlim _pace = new(1, 1);
        private DateTimeOffset _nextSlot = DateTimeOffset.MinValue;
        private LibraryMatcher _matcher = null!;
        private int _added;
        private int _failed;
        private int _processing;
        private int _recognised;
        private int _done;
        private int _stuckInARow;
        private Exception? _firstFailure;
        private bool _changed;

        public async Task<SyncOutcome> ExecuteAsync(CancellationToken cancellationToken)
        {
            _matcher = new LibraryMatcher(_catalog, source.Id);
            var known = new HashSet<string>(_catalog.ReadSourceItemKeys(source.Id).Select(k => WebIdOf(k.SourceItemId)), StringComparer.Ordinal);
            known.UnionWith(state.Linked.Keys);
            if (!full) known.UnionWith(state.Processing);

            IReadOnlyList<GridTile> tiles;
            var progress = request.Progress is { } p ? new Progress<int>(n => p.Report(new SyncProgress("listing", n, null))) : null;
            var listing = new StrongBox<WebBrowser.TabLease>(await browser.AcquireTabAsync(cancellationToken).ConfigureAwait(false));
            try
            {
                tiles = await StepAsync(listing, "listing the library", page =>
                {
                    var run = 0; // a try after a reload starts from the top again
                    return new GridWalker(settings, _evidence).WalkAsync(page, settings.BaseUrl, full ? null : tile =>
                    {
                        run = known.Contains(tile.Id) ? run + 1 : 0;
                        return run >= StopAfterKnown;
                    }, progress, cancellationToken);
                }, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await listing.Value!.DisposeAsync().ConfigureAwait(false);
            }

            var work = tiles.Where(t => !known.Contains(t.Id)).ToList();
            var listed = work.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var (id, label) in state.Pending.ToList())
            {
                if (listed.Add(id) && !known.Contains(id)) work.Add(new GridTile(id, $"./photo/{id}", label, null));
            }

            await DownloadAllAsync(work, cancellationToken).ConfigureAwait(false);

            var missing = 0;
            if (full)
            {
                var seen = tiles.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
                var present = _catalog.ReadSourceItemKeys(source.Id).Select(k => k.SourceItemId).Where(id => seen.Contains(WebIdOf(id))).ToList();
                missing = _catalog.MarkMissing(source.Id, present).NewlyMissing;
                foreach (var id in state.Linked.Keys.Where(id => !seen.Contains(id)).ToList()) state.Linked.Remove(id);
                state.Processing.IntersectWith(seen);
                state.LastFullWalk = DateTimeOffset.UtcNow;
                _changed |= missing > 0;
            }

            await SyncAlbumsAsync(cancellationToken).ConfigureAwait(false);
            if (_changed) _catalog.AssignPaths();

            if (_processing > 0) request.Progress?.Report(new SyncProgress("still processing at Google (skipped)", _processing, null));
            if (_recognised > 0) request.Progress?.Report(new SyncProgress("already in the library from another source", _recognised, null));
            var error = _failed > 0 ? $"{_failed} of {work.Count} web items could not be downloaded (retried at the next sync; see the log)" : null;
            return new SyncOutcome(error is null ? SyncResult.Ok : SyncResult.Partial, tiles.Count, _added, missing, error);
        }

        private async Task DownloadAllAsync(List<GridTile> work, CancellationToken cancellationToken)
        {
            if (work.Count == 0) return;
            var queue = new Queue<GridTile>(work);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var workers = Enumerable.Range(0, Math.Min(settings.Tabs, work.Count)).Select(_ => WorkerAsync(queue, work.Count, stop)).ToList();
            try
            {
                await Task.WhenAll(workers).ConfigureAwait(false);
            }
            catch
            {
                // The first real failure (signed out, UI changed, stuck) wins over what its cancellation caused in the other tabs.
                var failure = Volatile.Read(ref _firstFailure)
                    ?? workers.Where(w => w.IsFaulted).Select(w => w.Exception!.InnerException!).FirstOrDefault(e => e is not OperationCanceledException);
                if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
                throw;
            }
        }

        private async Task WorkerAsync(Queue<GridTile> queue, int total, CancellationTokenSource stop)
        {
            var tab = new StrongBox<WebBrowser.TabLease>();
            var served = 0;
            try
            {
                while (true)
                {
                    GridTile tile;
                    lock (queue)
                    {
                        if (queue.Count == 0) return;
                        tile = queue.Dequeue();
                    }

                    await PaceAsync(stop.Token).ConfigureAwait(false);
                    if (tab.Value is null || served >= settings.ItemsPerTab || tab.Value.Generation != browser.Generation)
                    {
                        if (tab.Value is not null) await tab.Value.DisposeAsync().ConfigureAwait(false);
                        tab.Value = await browser.AcquireTabAsync(stop.Token).ConfigureAwait(false);
                        served = 0;
                    }

                    served++;
                    try
                    {
                        await ProcessAsync(tab, tile, stop.Token).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is WebSignedOutException or WebUiChangedException or WebStuckException)
                    {
                        Interlocked.CompareExchange(ref _firstFailure, ex, null);
                        await stop.CancelAsync().ConfigureAwait(false);
                        throw;
                    }

                    request.Progress?.Report(new SyncProgress("downloading", Interlocked.Increment(ref _done), total));
                }
            }
            finally
            {
                if (tab.Value is not null) await tab.Value.DisposeAsync().ConfigureAwait(false);
            }
        }

        /// <summary>The polite rate: downloads start at most <see cref="WebSettings.DownloadsPerMinute"/> a minute, across tabs.</summary>
        private async Task PaceAsync(CancellationToken cancellationToken)
        {
            if (settings.DownloadsPerMinute <= 0) return;
            TimeSpan wait;
            await _pace.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var now = DateTimeOffset.UtcNow;
                var slot = _nextSlot > now ? _nextSlot : now;
                _nextSlot = slot + TimeSpan.FromMinutes(1 / settings.DownloadsPerMinute);
                wait = slot - now;
            }
            finally
            {
                _pace.Release();
            }

            if (wait > TimeSpan.Zero) await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>One item, with the health rules of <see cref="StepAsync"/>; <paramref name="tab"/> ends holding the tab to go on with.</summary>
        private async Task ProcessAsync(StrongBox<WebBrowser.TabLease> tab, GridTile tile, CancellationToken cancellationToken)
        {
            var label = tile.Parsed;
            var candidates = label?.Taken is { } taken ? _matcher.TakenAt(taken, label.IsVideo) : [];
            var readInfo = label is null || label.Taken is null || candidates.Count > 0;
            var url = new Uri(settings.BaseUrl, $"photo/{tile.Id}");
            ItemRecord? byName = null;
            ItemVisit visit;
            try
            {
                visit = await StepAsync(tab, $"item {tile.Id}", page => new ItemPage(settings, _evidence, browser.DownloadsFolder, _logger).VisitAsync(page, url, readInfo, name =>
                {
                    byName = LibraryMatcher.ByName(candidates, name);
                    return byName is null;
                }, tile.Id, cancellationToken), cancellationToken).ConfigureAwait(false);
                Interlocked.Exchange(ref _stuckInARow, 0);
            }
            catch (WebStuckException ex)
            {
                // One item whose page never loads is retried at the next sync; several in a row mean
                // the site (or the machine) is stuck, and the sync ends saying so instead of crawling on.
                Fail(tile);
                if (Interlocked.Increment(ref _stuckInARow) >= settings.StuckItemsInARow)
                {
                    throw new WebStuckException($"{settings.StuckItemsInARow} items in a row stayed stuck; {ex.Message}");
                }

                WebLog.DownloadFailed(_logger, tile.Id, ex.Message);
                return;
            }

            switch (visit.Result)
            {
                case ItemVisitResult.Gone:
                    lock (_stateLock) state.Pending.Remove(tile.Id);
                    return;
                case ItemVisitResult.StillProcessing:
                    Interlocked.Increment(ref _processing);
                    lock (_stateLock)
                    {
                        state.Processing.Add(tile.Id);
                        state.Pending.Remove(tile.Id);
                    }

                    return;
                case ItemVisitResult.InfoOnly when byName is not null:
                    Link(tile, byName, "same capture time and file name");
                    return;
            }

            var when = label?.Taken ?? (label is not null && visit.InfoDate is { } d ? label.WithYear(d.Year).Taken : null)
                ?? (visit.InfoDate is { } only ? new DateTimeOffset(only.Year, only.Month, only.Day, 0, 0, 0, TimeSpan.Zero) : null);
            try
            {
                await StoreAsync(tile, visit, when, cancellationToken).ConfigureAwait(false);
                lock (_stateLock) state.Pending.Remove(tile.Id);
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or OriginException or GPhotosFs.Vfs.Content.ContentUnavailableException or UnauthorizedAccessException)
            {
                WebLog.DownloadFailed(_logger, tile.Id, ex.Message);
                Fail(tile);
            }
            finally
            {
                if (visit.File is not null) File.Delete(visit.File);
            }
        }

        /// <summary>
        /// Runs one page step with the health rules: a step that times out (or whose tab died) runs
        /// again on a reloaded page, then in a new tab of a restarted browser; stuck a third time it
        /// throws <see cref="WebStuckException"/>. <paramref name="tab"/> holds the tab to use and,
        /// after a restart, the new one (the caller disposes it).
        /// </summary>
        private async Task<T> StepAsync<T>(StrongBox<WebBrowser.TabLease> tab, string step, Func<IPage, Task<T>> work, CancellationToken cancellationToken)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await work(tab.Value!.Page).ConfigureAwait(false);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is TimeoutException or PlaywrightException)
                {
                    switch (attempt)
                    {
                        case 1:
                            WebLog.StepStuck(_logger, step, "reloading the page");
                            continue;
                        case 2:
                            WebLog.StepStuck(_logger, step, "restarting Chromium");
                            await tab.Value!.DisposeAsync().ConfigureAwait(false);
                            await browser.RestartAsync(tab.Value.Generation, cancellationToken).ConfigureAwait(false);
                            tab.Value = await browser.AcquireTabAsync(cancellationToken).ConfigureAwait(false);
                            continue;
                        default:
                            throw new WebStuckException(
                                $"photos.google.com did not answer in time: {step} was stuck ({FirstLine(ex.Message)}) also after a reload and a Chromium restart " +
                                $"(step_timeout {settings.StepTimeout.TotalSeconds:0.#} s); it is tried again at the next sync");
                    }
                }
            }
        }

        private void Fail(GridTile tile)
        {
            Interlocked.Increment(ref _failed);
            lock (_stateLock) state.Pending[tile.Id] = tile.Label;
        }

        private void Link(GridTile tile, ItemRecord existing, string how)
        {
            WebLog.Recognised(_logger, tile.Id, $"{existing.DirPath}/{existing.Name}", how);
            Interlocked.Increment(ref _recognised);
            lock (_stateLock)
            {
                state.Linked[tile.Id] = existing.Id;
                state.Pending.Remove(tile.Id);
            }
        }

        /// <summary>Files the download (a zip's members each) as catalog items and commits each into the cache through the engine.</summary>
        private async Task StoreAsync(GridTile tile, ItemVisit visit, DateTimeOffset? taken, CancellationToken cancellationToken)
        {
            var files = Unpack(visit.File!, visit.SuggestedName ?? visit.InfoFileName ?? tile.Id);
            try
            {
                for (var i = 0; i < files.Count; i++)
                {
                    var (name, path) = files[i];
                    long size;
                    string hash;
                    await using (var stream = File.OpenRead(path))
                    {
                        size = stream.Length;
                        hash = "sha256:" + Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
                    }

                    if (_matcher.ByContent(size, hash) is { } same)
                    {
                        if (i == 0) Link(tile, same, "same content");
                        continue;
                    }

                    var record = new ItemRecord
                    {
                        SourceId = source.Id,
                        SourceItemId = i == 0 ? tile.Id : $"{tile.Id}/{name}",
                        Locator = Locator,
                        FileName = name,
                        MimeType = MimeOf(name),
                        CaptureTime = taken,
                        CaptureTimeSource = taken is null ? null : "web",
                        Size = size,
                        ContentHash = hash,
                    };
                    ItemRecord item;
                    lock (_catalogLock)
                    {
                        var id = _catalog.UpsertItems([record])[0];
                        _catalog.AssignPaths();
                        item = _catalog.GetItem(id)!;
                    }

                    origin.Offer(item.Id, path);
                    try
                    {
                        await cache.PrefetchAsync(item, cancellationToken).ConfigureAwait(false);
                    }
                    finally
                    {
                        origin.Withdraw(item.Id);
                    }

                    Interlocked.Increment(ref _added);
                    _changed = true;
                }
            }
            finally
            {
                foreach (var (_, path) in files)
                {
                    if (path != visit.File) File.Delete(path);
                }
            }
        }

        /// <summary>A zip download (a motion photo) becomes its members, the photo first; anything else is itself.</summary>
        private static List<(string Name, string Path)> Unpack(string file, string suggested)
        {
            var name = Path.GetFileName(suggested);
            if (!name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)) return [(name, file)];
            var members = new List<(string, string)>();
            using var zip = ZipFile.OpenRead(file);
            foreach (var entry in zip.Entries.Where(e => e.Length > 0 && !e.FullName.EndsWith('/'))
                         .OrderBy(e => MimeOf(e.Name)?.StartsWith("video/", StringComparison.Ordinal) == true))
            {
                var target = file + "." + members.Count;
                entry.ExtractToFile(target, overwrite: true);
                members.Add((Path.GetFileName(entry.FullName), target));
            }

            if (members.Count == 0) throw new InvalidDataException($"the download '{name}' is an empty zip");
            return members;
        }

        private static string? MimeOf(string name) => Path.GetExtension(name).ToLowerInvariant() switch
        {
            ".jpg" or ".jpeg" => "image/jpeg",
            ".png" => "image/png",
            ".heic" => "image/heic",
            ".gif" => "image/gif",
            ".webp" => "image/webp",
            ".mov" => "video/quicktime",
            ".mp4" or ".m4v" => "video/mp4",
            _ => null,
        };

        /// <summary>Albums from /albums, each album's members from its own grid (matched to items by kind and capture time: ids differ inside albums).</summary>
        private async Task SyncAlbumsAsync(CancellationToken cancellationToken)
        {
            var tab = new StrongBox<WebBrowser.TabLease>(await browser.AcquireTabAsync(cancellationToken).ConfigureAwait(false));
            try
            {
                await StepAsync(tab, "the albums", async page =>
                {
                    await SyncAlbumsOnAsync(page, cancellationToken).ConfigureAwait(false);
                    return true;
                }, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await tab.Value!.DisposeAsync().ConfigureAwait(false);
            }
        }

        private async Task SyncAlbumsOnAsync(IPage page, CancellationToken cancellationToken)
        {
            await WebPages.GotoAsync(page, new Uri(settings.BaseUrl, "albums")).ConfigureAwait(false);
            var links = await WebPages.BoundedAsync(page.EvaluateAsync<string[][]>(
                "sel => Array.from(document.querySelectorAll(sel)).map(a => [a.getAttribute('href') || '', a.getAttribute('aria-label') || (a.innerText || '').split('\\n')[0]])",
                WebSelectors.Album), settings.StepTimeout, "the album list").ConfigureAwait(false);
            var byTime = ItemsByTime();
            var known = _catalog.ReadAlbumMembers(source.Id);
            var walker = new GridWalker(settings, _evidence);
            var done = 0;
            foreach (var link in links)
            {
                if (WebSelectors.AlbumId.Match(link[0]) is not { Success: true } match) continue;
                var albumId = match.Groups["id"].Value;
                var title = string.IsNullOrWhiteSpace(link[1]) ? albumId : link[1].Trim();
                var tiles = await walker.WalkAsync(page, new Uri(settings.BaseUrl, $"album/{albumId}"), null, null, cancellationToken).ConfigureAwait(false);
                var members = tiles.Select(t => Resolve(t, byTime)).OfType<long>().Distinct().ToList();
                known.TryGetValue(albumId, out var before);
                lock (_catalogLock)
                {
                    if (before is null || before.Title != title)
                    {
                        var id = _catalog.UpsertAlbum(new AlbumRecord { SourceId = source.Id, SourceAlbumId = albumId, Title = title });
                        if (before is not null) _catalog.ForgetAlbumFolder(id);
                        before = new AlbumMembers(id, title, before?.ItemIds ?? []);
                        _changed = true;
                    }

                    if (!before.ItemIds.SequenceEqual(members))
                    {
                        _catalog.SetAlbumItems(before.AlbumId, members);
                        _changed = true;
                    }
                }

                request.Progress?.Report(new SyncProgress("albums", ++done, links.Length));
            }
        }

        /// <summary>This source's items and the ones it recognised elsewhere, by (video, capture second).</summary>
        private Dictionary<(bool, long), List<long>> ItemsByTime()
        {
            var index = new Dictionary<(bool, long), List<long>>();
            var ids = _catalog.ReadSourceItemKeys(source.Id).Where(k => !k.SourceItemId.Contains('/'))
                .Select(k => _catalog.FindItemId(source.Id, k.SourceItemId)).OfType<long>().Concat(state.Linked.Values);
            foreach (var id in ids.Distinct())
            {
                if (_catalog.GetItem(id) is not { CaptureTime: { } t } item || item.MissingSince is not null) continue;
                var key = (item.MimeType?.StartsWith("video/", StringComparison.Ordinal) == true, t.ToUnixTimeSeconds());
                if (!index.TryGetValue(key, out var list)) index[key] = list = [];
                list.Add(id);
            }

            return index;
        }

        private long? Resolve(GridTile tile, Dictionary<(bool, long), List<long>> byTime)
        {
            if (_catalog.FindItemId(source.Id, tile.Id) is { } direct) return direct;
            if (state.Linked.TryGetValue(tile.Id, out var linked)) return linked;
            if (tile.Parsed is not { } label) return null;
            if (label.Taken is { } t)
            {
                return byTime.TryGetValue((label.IsVideo, t.ToUnixTimeSeconds()), out var ids) && ids.Count == 1 ? ids[0] : null;
            }

            // The album's label left out the year: the one item of that kind at that month, day and time.
            var matches = byTime.Where(e => e.Key.Item1 == label.IsVideo && DateTimeOffset.FromUnixTimeSeconds(e.Key.Item2) is var at
                    && at.Month == label.Month && at.Day == label.Day && at.Hour == label.Hour && at.Minute == label.Minute && at.Second == label.Second)
                .SelectMany(e => e.Value).ToList();
            return matches.Count == 1 ? matches[0] : null;
        }
    }
}
