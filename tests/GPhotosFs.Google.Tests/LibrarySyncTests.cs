using GPhotosFs.Catalog;
using GPhotosFs.Catalog.Health;
using GPhotosFs.Catalog.Sync;
using GPhotosFs.GoogleEmulator;
using GPhotosFs.Originals;
using Microsoft.Extensions.Logging.Abstractions;

namespace GPhotosFs.Google.Tests;

/// <summary>The Library API source against the emulator, into a real SQLite catalog.</summary>
public sealed class LibrarySyncTests
{
    [Fact]
    public async Task A_full_sync_records_every_item_with_its_exact_size_and_every_album_in_order()
    {
        await using var h = await GoogleHarness.StartAsync(new EmulatorOptions { ItemCount = 420, AlbumCount = 4, VideoEvery = 20 });
        var (catalog, source, sync) = Setup(h);

        var outcome = await sync.SyncAsync(source, new SyncRequest(Full: true), CancellationToken.None);

        Assert.True(outcome.Succeeded, outcome.Error);
        Assert.Equal(420, outcome.ItemsSeen);
        var items = catalog.ReadTreeItems().ToList();
        Assert.Equal(420, items.Count);
        foreach (var emulated in h.Emulator.Library.Items())
        {
            var item = catalog.GetItem(catalog.FindItemId(source.Id, emulated.Id)!.Value)!;
            Assert.Equal(h.Emulator.Library.Bytes(emulated.Index).Length, item.Size);
            Assert.Equal(emulated.CreationTime, item.CaptureTime);
            Assert.Equal(emulated.FileName, item.FileName);
            Assert.Equal($"photos/{emulated.CreationTime:yyyy}/{emulated.CreationTime:MM}", item.DirPath);
            Assert.Equal(emulated.IsVideo ? "video" : "photo", item.Locator);
        }

        var albums = catalog.ReadTreeAlbums().ToList();
        var entries = catalog.ReadTreeAlbumEntries().ToList();
        foreach (var emulated in h.Emulator.Library.Albums())
        {
            var album = Assert.Single(albums, a => a.Title == emulated.Title);
            var expected = emulated.ItemIndexes.Select(n => catalog.FindItemId(source.Id, h.Emulator.Library.IdOf(n))!.Value).ToList();
            Assert.Equal(expected, entries.Where(e => e.AlbumId == album.Id).OrderBy(e => e.Position).Select(e => e.ItemId).ToList());
        }

        var state = catalog.GetSyncState(source.Id)!;
        Assert.Equal(SyncState.ResultOk, state.LastResult);
        Assert.Equal(420, state.ItemsSeen);
        // The persisted budget counts exactly what Google saw.
        var health = h.Health.Read(source.Id);
        Assert.Equal(h.Emulator.Counters.ApiRequests, health.Quotas[RequestBudget.Api].Used);
        Assert.Equal(h.Emulator.Counters.MediaRequests, health.Quotas[RequestBudget.Media].Used);
        Assert.Equal(10_000, health.Quotas[RequestBudget.Api].Limit);
        Assert.Equal(SourceHealth.AuthOk, health.AuthState);
        Assert.Equal(5, h.Emulator.Counters["mediaItems.list"]); // pages of 100
    }

    [Fact]
    public async Task An_incremental_sync_of_an_unchanged_library_lists_only_and_writes_nothing()
    {
        await using var h = await GoogleHarness.StartAsync(new EmulatorOptions { ItemCount = 250, AlbumCount = 3 });
        var (catalog, source, sync) = Setup(h);
        Assert.True((await sync.SyncAsync(source, new SyncRequest(Full: false), CancellationToken.None)).Succeeded);
        var version = catalog.GetDataVersion();
        h.Emulator.Counters.Reset();

        var outcome = await sync.SyncAsync(source, new SyncRequest(Full: false), CancellationToken.None);

        Assert.True(outcome.Succeeded, outcome.Error);
        Assert.Equal(0, outcome.ItemsAdded);
        Assert.Equal(version, catalog.GetDataVersion()); // the mount has nothing to reload
        Assert.Equal(3, h.Emulator.Counters["mediaItems.list"]);
        Assert.Equal(1, h.Emulator.Counters["albums.list"]);
        // Every album's members are listed (a one-out-one-in change keeps the count), 100 a page.
        Assert.Equal(h.Emulator.Library.Albums().Sum(a => Math.Max(1, (a.ItemIndexes.Count + 99) / 100)), h.Emulator.Counters["mediaItems.search"]);
        Assert.Equal(0, h.Emulator.Counters.MediaRequests);
    }

    [Fact]
    public async Task An_incremental_sync_adds_new_uploads_with_sizes_and_their_albums()
    {
        await using var h = await GoogleHarness.StartAsync(new EmulatorOptions { ItemCount = 200, AlbumCount = 6 });
        var (catalog, source, sync) = Setup(h);
        Assert.True((await sync.SyncAsync(source, new SyncRequest(Full: false), CancellationToken.None)).Succeeded);
        var before = h.Emulator.Library.Albums().ToDictionary(a => a.Id, a => a.ItemIndexes.Count);
        h.Emulator.Library.Add(30);
        var changed = h.Emulator.Library.Albums().Count(a => a.ItemIndexes.Count != before[a.Id]);
        h.Emulator.Counters.Reset();

        var outcome = await sync.SyncAsync(source, new SyncRequest(Full: false), CancellationToken.None);

        Assert.True(outcome.Succeeded, outcome.Error);
        Assert.Equal(30, outcome.ItemsAdded);
        Assert.Equal(230, catalog.ReadTreeItems().Count());
        Assert.All(catalog.ReadTreeItems(), i => Assert.NotNull(i.Size));
        Assert.Equal(30, h.Emulator.Counters.MediaRequests); // sizes of the new items only
        Assert.InRange(changed, 1, 5);
        var byAlbum = catalog.ReadAlbumMembers(source.Id);
        Assert.All(h.Emulator.Library.Albums(), a => Assert.Equal(a.ItemIndexes.Count, byAlbum[a.Id].ItemIds.Count));
    }

    [Fact]
    public async Task Every_sync_marks_items_gone_from_Google_and_it_deletes_nothing()
    {
        await using var h = await GoogleHarness.StartAsync(new EmulatorOptions { ItemCount = 120, AlbumCount = 2 });
        var (catalog, source, sync) = Setup(h);
        Assert.True((await sync.SyncAsync(source, new SyncRequest(Full: false), CancellationToken.None)).Succeeded);
        foreach (var n in new[] { 3, 50, 99 }) h.Emulator.Library.Remove(n);

        var incremental = await sync.SyncAsync(source, new SyncRequest(Full: false), CancellationToken.None);
        var full = await sync.SyncAsync(source, new SyncRequest(Full: true), CancellationToken.None);

        Assert.True(incremental.Succeeded, incremental.Error);
        Assert.Equal(3, incremental.ItemsMissing); // every run lists every item, so it knows
        Assert.Equal(0, full.ItemsMissing); // already marked
        foreach (var n in new[] { 3, 50, 99 })
        {
            var item = catalog.GetItem(catalog.FindItemId(source.Id, h.Emulator.Library.IdOf(n))!.Value)!;
            Assert.NotNull(item.MissingSince); // kept, marked
        }
    }

    [Fact]
    public async Task Rate_limit_storms_on_the_API_and_the_media_servers_are_waited_out()
    {
        await using var h = await GoogleHarness.StartAsync(new EmulatorOptions { ItemCount = 300, AlbumCount = 2 });
        var (catalog, source, sync) = Setup(h);
        h.Emulator.Faults.RetryAfter = TimeSpan.Zero;
        h.Emulator.Faults.ApiStorm(6);
        h.Emulator.Faults.MediaStorm(25);

        var outcome = await sync.SyncAsync(source, new SyncRequest(Full: true), CancellationToken.None);

        Assert.True(outcome.Succeeded, outcome.Error);
        Assert.Equal(300, catalog.ReadTreeItems().Count(i => i.Size is not null));
        Assert.Equal(31, h.Emulator.Counters["status.429"]); // every injected 429 was met, and waited out
    }

    [Fact]
    public async Task An_access_token_that_dies_mid_sync_is_refreshed_and_the_sync_completes()
    {
        await using var h = await GoogleHarness.StartAsync(new EmulatorOptions { ItemCount = 500, AlbumCount = 2 });
        var (catalog, source, sync) = Setup(h);
        var issued = h.Emulator.OAuth.AccessTokensIssued;
        h.Emulator.Faults.ExpireAccessTokensAfter(3);

        var outcome = await sync.SyncAsync(source, new SyncRequest(Full: true), CancellationToken.None);

        Assert.True(outcome.Succeeded, outcome.Error);
        Assert.Equal(500, catalog.ReadTreeItems().Count());
        Assert.True(h.Emulator.OAuth.AccessTokensIssued > issued, "a fresh access token was fetched");
    }

    [Fact]
    public async Task Short_lived_access_tokens_are_refreshed_before_they_are_refused()
    {
        await using var h = await GoogleHarness.StartAsync(new EmulatorOptions { ItemCount = 300, AccessTokenLifetime = TimeSpan.FromSeconds(2) });
        var (catalog, source, sync) = Setup(h);
        var issued = h.Emulator.OAuth.AccessTokensIssued;

        var outcome = await sync.SyncAsync(source, new SyncRequest(Full: false), CancellationToken.None);

        Assert.True(outcome.Succeeded, outcome.Error);
        Assert.True(h.Emulator.OAuth.AccessTokensIssued > issued);
        Assert.Equal(0, h.Emulator.Counters["status.401"]); // refreshed ahead of expiry, never refused
    }

    [Fact]
    public async Task A_revoked_grant_fails_the_sync_with_run_auth_again_and_marks_auth_broken()
    {
        await using var h = await GoogleHarness.StartAsync(new EmulatorOptions { ItemCount = 50 });
        var (catalog, source, sync) = Setup(h);
        Assert.True((await sync.SyncAsync(source, new SyncRequest(Full: false), CancellationToken.None)).Succeeded);
        h.Emulator.OAuth.RevokeAll();

        var outcome = await sync.SyncAsync(source, new SyncRequest(Full: false), CancellationToken.None);

        Assert.False(outcome.Succeeded);
        Assert.Contains("run `gphotosfs auth` again", outcome.Error);
        Assert.DoesNotContain("ya29.", outcome.Error);
        var health = h.Health.Read(source.Id);
        Assert.Equal(SourceHealth.AuthBroken, health.AuthState);
        Assert.Contains("invalid_grant", health.AuthMessage);
        Assert.Equal(SyncState.ResultFailed, catalog.GetSyncState(source.Id)!.LastResult);
        Assert.Equal(50, catalog.ReadTreeItems().Count()); // nothing lost
    }

    [Fact]
    public async Task A_spent_daily_quota_fails_clearly_and_later_runs_fail_fast_without_asking_Google()
    {
        await using var h = await GoogleHarness.StartAsync(new EmulatorOptions { ItemCount = 500, ApiDailyQuota = 2 });
        var (_, source, sync) = Setup(h);

        var outcome = await sync.SyncAsync(source, new SyncRequest(Full: false), CancellationToken.None);

        Assert.False(outcome.Succeeded);
        Assert.Contains("quota", outcome.Error);
        var health = h.Health.Read(source.Id);
        Assert.True(health.QuotaExhaustedUntil > DateTimeOffset.UtcNow);
        var asked = h.Emulator.Counters.Total;
        var again = await sync.SyncAsync(source, new SyncRequest(Full: false), CancellationToken.None);
        Assert.False(again.Succeeded);
        Assert.Equal(asked, h.Emulator.Counters.Total);
    }

    [Fact]
    public async Task Expired_download_urls_are_renewed_through_batchGet_in_batches_of_at_most_50()
    {
        await using var h = await GoogleHarness.StartAsync(new EmulatorOptions { ItemCount = 130 });
        var (catalog, source, sync) = Setup(h);
        Assert.True((await sync.SyncAsync(source, new SyncRequest(Full: false), CancellationToken.None)).Succeeded);
        var google = h.Connect(source.Id); // a new process (the mount): no listing, so no URLs yet
        var items = h.Emulator.Library.Items().Select(e => catalog.GetItem(catalog.FindItemId(source.Id, e.Id)!.Value)!).ToList();
        async Task ReadAllAsync()
        {
            var read = await Task.WhenAll(items.Select(async item =>
            {
                await using var response = await google.LibraryOrigin.OpenRangeAsync(new OriginalKey(item.Id, item.SourceItemId, item.Locator, item.FileName), 0, null, CancellationToken.None);
                using var copy = new MemoryStream();
                await response.Body.CopyToAsync(copy);
                return (item, copy.ToArray());
            }));
            foreach (var (item, bytes) in read)
            {
                Assert.Equal(h.Emulator.Library.Bytes(h.Emulator.Library.Find(item.SourceItemId)!.Value), bytes);
            }
        }

        await ReadAllAsync();
        var first = h.Emulator.Counters["mediaItems.batchGet"];
        Assert.InRange(first, 3, 8); // 130 ids: 3 calls at best, never one per item
        h.Emulator.Faults.ExpireAllUrls();
        await ReadAllAsync(); // every URL answers 403 once, then a renewed one works
        Assert.Equal(items.Count, h.Emulator.Counters["status.403"]);
        Assert.InRange(h.Emulator.Counters["mediaItems.batchGet"] - first, 3, 8);
    }

    private static (LibraryCatalog Catalog, SourceRecord Source, LibrarySync Sync) Setup(GoogleHarness h)
    {
        var catalog = h.OpenCatalog();
        var source = catalog.EnsureSource(SourceKinds.GoogleLibrary, "google", null);
        return (catalog, source, new LibrarySync(catalog, h.Connect(source.Id), NullLogger.Instance));
    }
}
