using GPhotosFs.Catalog;
using GPhotosFs.GoogleEmulator;
using GPhotosFs.Originals;
using Microsoft.Extensions.Logging.Abstractions;

namespace GPhotosFs.Google.Tests;

public sealed class PickerImportTests
{
    [Fact]
    public async Task A_pick_records_the_items_downloads_every_original_and_deletes_the_session()
    {
        await using var h = await GoogleHarness.StartAsync(new EmulatorOptions { ItemCount = 40, VideoEvery = 10 });
        var catalog = h.OpenCatalog();
        var google = h.Connect(PickerImport.EnsureSource(catalog).Id);
        var cacheRoot = Directory.CreateTempSubdirectory("gphotosfs-pick-cache-").FullName;
        try
        {
            var outcome = await new PickerImport(catalog, google, h.StateFolder, NullLogger.Instance).RunAsync(
                new PickRequest("Trip", TimeSpan.FromMinutes(1)),
                (session, resumed) => PlayUser(session, "5,9,19,33"),
                urls => Downloads(catalog, cacheRoot, google, urls),
                null, CancellationToken.None);

            Assert.Null(outcome.Error);
            Assert.Equal(4, outcome.Downloaded);
            Assert.Equal(0, h.Emulator.Sessions.Count);
            var album = Assert.Single(catalog.ReadTreeAlbums(), a => a.Title == "Trip");
            var inAlbum = catalog.ReadTreeAlbumEntries().Where(e => e.AlbumId == album.Id).OrderBy(e => e.Position).Select(e => catalog.GetItem(e.ItemId)!).ToList();
            Assert.Equal(new[] { 5, 9, 19, 33 }.Select(h.Emulator.Library.IdOf), inAlbum.Select(i => i.SourceItemId));
            foreach (var item in inAlbum)
            {
                var n = h.Emulator.Library.Find(item.SourceItemId)!.Value;
                Assert.Equal($"photos/{h.Emulator.Library.Item(n).CreationTime:yyyy/MM}", item.DirPath);
                Assert.Equal(h.Emulator.Library.Bytes(n), File.ReadAllBytes(Path.Combine(cacheRoot, "cache", item.DirPath!, item.Name!)));
                Assert.Equal(h.Emulator.Library.Bytes(n).Length, item.Size);
            }
        }
        finally
        {
            Directory.Delete(cacheRoot, recursive: true);
        }
    }

    [Fact]
    public async Task An_interrupted_pick_resumes_its_session_and_a_timed_out_one_cleans_up()
    {
        await using var h = await GoogleHarness.StartAsync(new EmulatorOptions { ItemCount = 10 });
        var catalog = h.OpenCatalog();
        var google = h.Connect(PickerImport.EnsureSource(catalog).Id);
        var cacheRoot = Directory.CreateTempSubdirectory("gphotosfs-pick-cache-").FullName;
        try
        {
            var import = new PickerImport(catalog, google, h.StateFolder, NullLogger.Instance);
            using var interrupt = new CancellationTokenSource();
            string? firstSession = null;
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => import.RunAsync(new PickRequest(null, TimeSpan.FromMinutes(1)),
                (session, _) => { firstSession = session.Id; interrupt.Cancel(); }, urls => Downloads(catalog, cacheRoot, google, urls), null, interrupt.Token));

            var resumedFlag = false;
            var outcome = await import.RunAsync(new PickRequest(null, TimeSpan.FromMinutes(1)),
                (session, resumed) => { resumedFlag = resumed; Assert.Equal(firstSession, session.Id); PlayUser(session, "1,2"); },
                urls => Downloads(catalog, cacheRoot, google, urls), null, CancellationToken.None);
            Assert.True(resumedFlag);
            Assert.Equal(2, outcome.Downloaded);
            Assert.Equal(0, h.Emulator.Sessions.Count);

            var timedOut = await import.RunAsync(new PickRequest(null, TimeSpan.FromMilliseconds(700)), (_, _) => { }, urls => Downloads(catalog, cacheRoot, google, urls), null, CancellationToken.None);
            Assert.Contains("timed out", timedOut.Error);
            Assert.Equal(0, h.Emulator.Sessions.Count);
            Assert.False(File.Exists(Path.Combine(h.StateFolder, "picker-session.json")));
        }
        finally
        {
            Directory.Delete(cacheRoot, recursive: true);
        }
    }

    private static void PlayUser(PickingSession session, string items) =>
        _ = Task.Run(async () =>
        {
            await Task.Delay(300); // the user takes a moment: the client polls meanwhile
            using var browser = new HttpClient();
            (await browser.GetAsync(session.PickerUri + "?items=" + items)).EnsureSuccessStatusCode();
        });

    private static ICachedDownloads Downloads(LibraryCatalog catalog, string root, GoogleConnection google, IDownloadUrlProvider urls)
    {
        var options = new OriginalsOptions();
        var cache = new CachedOriginals(Path.Combine(root, "cache"), Path.Combine(root, "partial"), new BudgetedOrigin(new HttpOrigin(google.Http, urls), google.Budget),
            new OriginResilience(options), options, NullLogger.Instance, new SizeSink(catalog));
        return new Adapter(cache);
    }

    private sealed class Adapter(CachedOriginals cache) : ICachedDownloads
    {
        public Task DownloadAsync(ItemRecord item, CancellationToken cancellationToken) => cache.PrefetchAsync(item, cancellationToken);
    }

    private sealed class SizeSink(LibraryCatalog catalog) : IOriginalFactsSink
    {
        public void Record(long itemId, ItemFacts facts) => catalog.UpdateItemFacts(itemId, new ItemFacts { Size = facts.Size });
    }
}
