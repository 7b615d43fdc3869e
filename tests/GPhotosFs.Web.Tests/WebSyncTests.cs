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
