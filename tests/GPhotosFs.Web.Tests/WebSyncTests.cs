using GPhotosFs.Catalog;
using GPhotosFs.Catalog.Health;
using GPhotosFs.Catalog.Sync;
using GPhotosFs.WebEmulator;

namespace GPhotosFs.Web.Tests;

/// <summary>
/// The web source against the emulated photos.google.com, in real headless Chromium. Incremental and
/// full syncs, session expiry, a renamed label and kill -9 are tested through the real CLI and mount
/// (GPhotosFs.IntegrationTests.WebSourceTests).
/// </summary>
public sealed class WebSyncTests
{
    [Fact]
    public async Task A_sync_caches_every_original_unpacks_zips_skips_processing_videos_and_files_albums()
    {
        await using var library = await WebTestLibrary.StartAsync(new WebEmulatorOptions { ItemCount = 14, ProcessingItems = [4], AlbumCount = 2 });
        await library.SignInAsync();
        var progress = new List<SyncProgress>();

        var outcome = await library.SyncAsync(progress: progress);

        Assert.True(outcome.Succeeded, outcome.Error);
        Assert.Equal(14, outcome.ItemsSeen);
        Assert.Equal(library.ExpectedTree(), library.CachedTree());
        Assert.Contains(progress, p => p.Phase.StartsWith("still processing", StringComparison.Ordinal) && p.Done == 1);
        var albums = library.Catalog.ReadAlbumMembers(library.Source.Id);
        Assert.Equal(library.Emulator.Library.Albums().Select(a => a.Title).Order(), albums.Values.Select(a => a.Title).Order());
        foreach (var album in library.Emulator.Library.Albums())
        {
            var expected = album.ItemIndexes.Where(n => library.Emulator.Library.Item(n).Kind != WebItemKind.ProcessingVideo)
                .Select(n => library.Catalog.FindItemId(library.Source.Id, library.Emulator.Library.IdOf(n))).ToList();
            Assert.Equal(expected, albums[album.Id].ItemIds.Cast<long?>().ToList());
        }

        Assert.Equal(SourceHealth.AuthOk, AuthOk(library));
    }

    [Theory]
    [InlineData("nl")]
    [InlineData("de")]
    public async Task Dutch_and_German_pages_with_yearless_labels_and_lost_key_presses(string lang)
    {
        // "now" in the items' year: every label leaves the year out, so each date comes from the info panel.
        await using var library = await WebTestLibrary.StartAsync(new WebEmulatorOptions { ItemCount = 4, AlbumCount = 1, Locale = lang, Now = WebLibrary.Epoch.AddDays(30), MotionEvery = 0 });
        await library.SignInAsync();
        library.Emulator.Faults.DropKeyPresses(2);

        var outcome = await library.SyncAsync();

        Assert.True(outcome.Succeeded, outcome.Error);
        Assert.Equal(library.ExpectedTree(), library.CachedTree());
        Assert.Single(library.Catalog.ReadAlbumMembers(library.Source.Id));
    }

    [Fact]
    public async Task A_page_that_never_finishes_is_reloaded_a_hung_tab_gets_a_restarted_browser_and_the_sync_gets_every_item()
    {
        await using var library = await WebTestLibrary.StartAsync(new WebEmulatorOptions { ItemCount = 6, AlbumCount = 1, MotionEvery = 0 });
        await library.SignInAsync();
        library.Settings = library.Settings with { StepTimeout = StuckStep };
        library.Emulator.Faults.HangPages(1); // the library page, the first the sync opens: never answered
        var hung = library.Emulator.Library.IdOf(3);
        library.Emulator.Faults.HangTab(hung, 2); // its page hangs the renderer, and again after the reload

        var outcome = await library.SyncAsync();

        Assert.True(outcome.Succeeded, outcome.Error + "\n" + library.Log.Text);
        Assert.Equal(library.ExpectedTree(), library.CachedTree());
        Assert.Contains(library.Log.Lines, l => l.Contains("'listing the library' timed out; reloading the page", StringComparison.Ordinal));
        Assert.Contains(library.Log.Lines, l => l.Contains($"'item {hung}' timed out; reloading the page", StringComparison.Ordinal));
        Assert.Contains(library.Log.Lines, l => l.Contains($"'item {hung}' timed out; restarting Chromium", StringComparison.Ordinal));
        Assert.Null(library.Health.Read(library.Source.Id).Unavailable);
    }

    [Fact]
    public async Task A_library_page_that_stays_stuck_ends_the_sync_as_unavailable_after_a_reload_and_a_restart_instead_of_hanging()
    {
        await using var library = await WebTestLibrary.StartAsync(new WebEmulatorOptions { ItemCount = 3, AlbumCount = 0 });
        await library.SignInAsync();
        library.Settings = library.Settings with { StepTimeout = StuckStep };
        library.Emulator.Faults.HangPages(int.MaxValue);

        var outcome = await library.SyncAsync();

        Assert.Equal(SyncResult.Failed, outcome.Result);
        Assert.Contains("did not answer in time: listing the library was stuck", outcome.Error);
        Assert.Contains("also after a reload and a Chromium restart", outcome.Error);
        Assert.Contains("did not answer in time", library.Health.Read(library.Source.Id).Unavailable);
        Assert.Contains(library.Log.Lines, l => l.Contains("restarting Chromium", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Item_pages_that_stay_stuck_end_the_sync_as_stuck_after_some_in_a_row_and_keep_them_for_the_next_sync()
    {
        await using var library = await WebTestLibrary.StartAsync(new WebEmulatorOptions { ItemCount = 8, AlbumCount = 0, MotionEvery = 0 });
        await library.SignInAsync();
        library.Settings = library.Settings with { StepTimeout = StuckStep, Tabs = 1, StuckItemsInARow = 2 };
        for (var n = 0; n < 8; n++) library.Emulator.Faults.HangTab(library.Emulator.Library.IdOf(n), int.MaxValue);

        var outcome = await library.SyncAsync();

        Assert.Equal(SyncResult.Failed, outcome.Result);
        Assert.Contains("2 items in a row stayed stuck", outcome.Error);
        Assert.Contains(library.Log.Lines, l => l.Contains("Download of web item", StringComparison.Ordinal) && l.Contains("was stuck", StringComparison.Ordinal)); // the first, alone, is only failed
        Assert.True(library.Emulator.Counters.ItemPages <= 6, $"{library.Emulator.Counters.ItemPages} item pages: each stuck item gets a visit, a reload and one visit in a restarted browser, no more");
        Assert.Empty(library.CachedTree());

        for (var n = 0; n < 8; n++) library.Emulator.Faults.HangTab(library.Emulator.Library.IdOf(n), 0);
        var again = await library.SyncAsync();
        Assert.True(again.Succeeded, again.Error);
        Assert.Equal(library.ExpectedTree(), library.CachedTree());
    }

    [Fact]
    public async Task A_download_whose_bytes_stop_is_cancelled_after_the_step_timeout_and_its_item_is_retried_at_the_next_sync_never_cached_partial()
    {
        await using var library = await WebTestLibrary.StartAsync(new WebEmulatorOptions { ItemCount = 4, AlbumCount = 0, MotionEvery = 0 });
        await library.SignInAsync();
        library.Settings = library.Settings with { StepTimeout = StuckStep, Tabs = 1 };
        var stalled = library.Emulator.Library.IdOf(1);
        library.Emulator.Faults.StallDownload(stalled, int.MaxValue); // the visit, the reload and the restarted browser's visit all stall

        // Generous: the code before waited for the stalled download forever; the test fails instead of hanging.
        var first = await library.SyncAsync().WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(SyncResult.Partial, first.Result);
        Assert.Contains("1 of 4 web items could not be downloaded", first.Error);
        Assert.Contains(library.Log.Lines, l => l.Contains($"The download of web item '{stalled}' stalled", StringComparison.Ordinal));
        Assert.Contains(library.Log.Lines, l => l.Contains($"'item {stalled}' timed out; restarting Chromium", StringComparison.Ordinal));
        var expected = library.ExpectedTree();
        var stalledPath = library.Emulator.Library.ExpectedTree().Single(e => e.Item.Id == stalled).Path;
        Assert.Equal(expected.Where(e => e.Key != stalledPath).OrderBy(e => e.Key), library.CachedTree().OrderBy(e => e.Key)); // nothing partial in cache/

        library.Emulator.Faults.StallDownload(stalled, 0);
        var second = await library.SyncAsync();

        Assert.True(second.Succeeded, second.Error);
        Assert.Equal(expected, library.CachedTree());
    }

    [Fact]
    public async Task A_slow_download_whose_bytes_keep_coming_is_never_cancelled_however_long_it_takes()
    {
        await using var library = await WebTestLibrary.StartAsync(new WebEmulatorOptions { ItemCount = 2, AlbumCount = 0, MotionEvery = 0 });
        await library.SignInAsync();
        library.Settings = library.Settings with { StepTimeout = StuckStep, Tabs = 1 };
        var slow = library.Emulator.Library.IdOf(0);
        library.Emulator.Faults.ThrottleDownload(slow, pieces: 10, pause: StuckStep / 3); // 3 step timeouts in all, a piece every third of one

        var outcome = await library.SyncAsync();

        Assert.True(outcome.Succeeded, outcome.Error + "\n" + library.Log.Text);
        Assert.DoesNotContain(library.Log.Lines, l => l.Contains("stalled", StringComparison.Ordinal));
        Assert.Single(library.Emulator.Counters.DownloadedIds, id => id == slow);
        Assert.Equal(library.ExpectedTree(), library.CachedTree());
    }

    /// <summary>A step timeout short enough for a test and long enough for a page of the emulator on a busy machine.</summary>
    private static readonly TimeSpan StuckStep = TimeSpan.FromSeconds(3);

    private static string? AuthOk(WebTestLibrary library) => library.Health.Read(library.Source.Id).AuthState;
}
