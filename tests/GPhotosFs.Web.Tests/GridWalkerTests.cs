using GPhotosFs.WebEmulator;
using Microsoft.Extensions.Logging.Abstractions;

namespace GPhotosFs.Web.Tests;

public sealed class GridWalkerTests
{
    [Fact]
    public async Task The_walk_collects_every_tile_of_a_virtualized_grid_newest_first_through_latency()
    {
        await using var library = await WebTestLibrary.StartAsync(new WebEmulatorOptions { ItemCount = 1000, AlbumCount = 0, Latency = TimeSpan.FromMilliseconds(50) });
        await library.SignInAsync();
        await using var browser = await WebBrowser.LaunchAsync(library.Settings, library.Paths.Profile, library.Paths.DownloadsFolder, headless: true, NullLogger.Instance, CancellationToken.None);
        await using var tab = await browser.AcquireTabAsync(CancellationToken.None);

        var tiles = await new GridWalker(library.Settings, new FailureEvidence(library.Paths.StateFolder)).WalkAsync(tab.Page, library.Settings.BaseUrl, null, null, CancellationToken.None);

        Assert.Equal(library.Emulator.Library.Grid().Select(i => i.Id), tiles.Select(t => t.Id));
        Assert.All(tiles, t => Assert.NotNull(t.Parsed));
    }
}
