using GPhotosFs.Catalog;
using GPhotosFs.Catalog.Health;
using GPhotosFs.Catalog.Sync;
using GPhotosFs.WebEmulator;

namespace GPhotosFs.Web.Tests;

/// <summary>The web source against the emulated photos.google.com, in real headless Chromium.</summary>
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

    [Fact]
    public async Task A_second_sync_downloads_only_new_items_and_a_full_one_marks_deleted_items_missing()
    {
        await using var library = await WebTestLibrary.StartAsync(new WebEmulatorOptions { ItemCount = 10, AlbumCount = 0 });
        await library.SignInAsync();
        Assert.True((await library.SyncAsync()).Succeeded);
        var before = library.Emulator.Counters.Downloads;

        library.Emulator.Library.Add(3);
        var second = await library.SyncAsync();

        Assert.True(second.Succeeded, second.Error);
        Assert.Equal(3, second.ItemsAdded);
        Assert.Equal(before + 3, library.Emulator.Counters.Downloads);
        Assert.Equal(library.ExpectedTree(), library.CachedTree());

        library.Emulator.Library.Remove(2);
        var full = await library.SyncAsync(full: true);
        Assert.True(full.Succeeded, full.Error);
        Assert.Equal(1, full.ItemsMissing);
        Assert.NotNull(library.Catalog.GetItem(library.Catalog.FindItemId(library.Source.Id, library.Emulator.Library.IdOf(2))!.Value)!.MissingSince);
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
    public async Task A_session_that_expires_mid_sync_fails_at_once_as_signed_out()
    {
        await using var library = await WebTestLibrary.StartAsync(new WebEmulatorOptions { ItemCount = 8, AlbumCount = 0 });
        await library.SignInAsync();
        library.Emulator.Faults.ExpireSessionAfter(3);

        var outcome = await library.SyncAsync();

        Assert.False(outcome.Succeeded);
        Assert.Contains("run `gphotosfs web login`", outcome.Error);
        var health = library.Health.Read(library.Source.Id);
        Assert.Equal(SourceHealth.AuthBroken, health.AuthState);
        Assert.True(library.Emulator.Counters.ItemPages <= 3 + library.Settings.Tabs, "no retry loop once signed out");
        Assert.DoesNotContain(Directory.EnumerateFiles(library.CacheFolder, "*", SearchOption.AllDirectories), f => !Path.GetFileName(f).StartsWith("IMG_", StringComparison.Ordinal) && !Path.GetFileName(f).StartsWith("VID_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_renamed_label_is_the_web_ui_changed_with_a_screenshot_and_the_html()
    {
        await using var library = await WebTestLibrary.StartAsync(new WebEmulatorOptions { ItemCount = 25, AlbumCount = 0 });
        await library.SignInAsync();
        library.Emulator.Faults.RenameLabel("Photo - ", "Picture - ");
        library.Emulator.Faults.RenameLabel("Video - ", "Clip - ");

        var outcome = await library.SyncAsync();

        Assert.False(outcome.Succeeded);
        Assert.Contains("the web UI changed", outcome.Error);
        var health = library.Health.Read(library.Source.Id);
        Assert.Contains("the web UI changed", health.Unavailable);
        var evidence = Directory.GetDirectories(Path.Combine(library.Paths.StateFolder, "web-failures")).Single();
        Assert.Contains(evidence, outcome.Error);
        Assert.True(new FileInfo(Path.Combine(evidence, "page.png")).Length > 1000);
        Assert.Contains("Picture - ", await File.ReadAllTextAsync(Path.Combine(evidence, "page.html")));
    }

    [Fact]
    public async Task Pages_slower_than_the_step_timeout_fail_the_sync_as_unavailable_instead_of_hanging()
    {
        await using var library = await WebTestLibrary.StartAsync(new WebEmulatorOptions { ItemCount = 3, AlbumCount = 0 });
        await library.SignInAsync();
        library.Settings = library.Settings with { StepTimeout = TimeSpan.FromSeconds(2) };
        library.Emulator.Faults.PageDelay = TimeSpan.FromSeconds(8);

        var outcome = await library.SyncAsync();

        Assert.False(outcome.Succeeded);
        Assert.Contains("did not answer in time", outcome.Error);
        Assert.Contains("did not answer in time", library.Health.Read(library.Source.Id).Unavailable);
    }

    private static string? AuthOk(WebTestLibrary library) => library.Health.Read(library.Source.Id).AuthState;
}
