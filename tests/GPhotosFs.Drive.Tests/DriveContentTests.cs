using GPhotosFs.Catalog;
using GPhotosFs.Catalog.Health;
using GPhotosFs.Catalog.Sync;
using GPhotosFs.Originals;
using GPhotosFs.Sources;
using GPhotosFs.Takeout.Content;
using GPhotosFs.Takeout.Samples;
using GPhotosFs.Vfs.Content;
using Microsoft.Extensions.Logging.Abstractions;

namespace GPhotosFs.Drive.Tests;

/// <summary>Bytes on read and the sync: members come from Drive through the cache, checked; new exports and removed parts are picked up.</summary>
public sealed class DriveContentTests
{
    [Fact]
    public async Task Every_member_reads_back_exactly_through_the_cache_and_an_uncached_member_of_a_removed_part_fails_cleanly()
    {
        await using var h = await DriveHarness.StartAsync();
        var exports = Path.Combine(h.Folder, "exports");
        var members = SampleTakeout.OlderShowcase();
        TakeoutExportWriter.WriteZip(exports, SampleTakeout.OlderExport, members, 2, deflate: false,
            deflateMember: m => m.Path.EndsWith(".json", StringComparison.Ordinal) || m.Path.EndsWith(".mov", StringComparison.Ordinal));
        var folder = h.Emulator.Drive.AddFolderOfFiles(exports);
        using var catalog = LibraryCatalog.Open(Path.Combine(h.Folder, "catalog.db"), CatalogAccess.ReadWrite);
        var storages = new DrivePartStorages(h.Client());
        var health = new SourceHealthStore(Path.Combine(h.Folder, "state"));
        await new DriveTakeout(catalog, storages, health).AddAsync(DriveTakeout.DefaultFolder, CancellationToken.None);
        var source = catalog.GetSources().Single(s => s.Kind == DriveTakeout.Kind);
        var caches = new DownloadCaches(Path.Combine(h.Folder, "cache"), Path.Combine(h.Folder, "partial"), health.Folder, new OriginalsOptions(), new NoFacts(), NullLogger.Instance);
        using var content = new TakeoutContentSource(source, origin => caches.Create(source, origin, checkMedia: false), NullLogger.Instance, health, storages: storages);

        var items = catalog.ReadTreeItems().Select(r => catalog.GetItem(r.Id)!).ToList();
        var untouched = items.Single(i => i.FileName == "20030616.jpg"); // in part 1; read only after its part is gone
        foreach (var item in items.Where(i => i != untouched))
        {
            Assert.True(content.Downloads(item), "a remote member is never read in place");
            using var opened = await content.OpenAsync(item, CancellationToken.None);
            var bytes = new byte[opened.Length];
            for (var at = 0; at < bytes.Length;)
            {
                at += await opened.ReadAsync(at, bytes.AsMemory(at), CancellationToken.None);
            }

            Assert.Equal(members.First(m => Path.GetFileName(m.Path) == item.FileName).Bytes, bytes);
        }

        // A later mount (nothing of the part in memory, an empty cache) after the part left Drive.
        h.Emulator.Drive.Delete(h.Emulator.Drive.Files.Single(f => f.Parent == folder && f.Name.EndsWith("-001.zip", StringComparison.Ordinal)).Id);
        var later = new DownloadCaches(Path.Combine(h.Folder, "cache2"), Path.Combine(h.Folder, "partial2"), health.Folder, new OriginalsOptions(), new NoFacts(), NullLogger.Instance);
        using var remount = new TakeoutContentSource(source, origin => later.Create(source, origin, checkMedia: false), NullLogger.Instance, health, storages: new DrivePartStorages(h.Client()));
        var failure = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            using var opened = await remount.OpenAsync(untouched, CancellationToken.None);
            await opened.ReadAsync(0, new byte[opened.Length], CancellationToken.None);
        });
        Assert.Contains("no longer on Drive", failure.ToString());
    }

    [Fact]
    public async Task Sync_indexes_an_export_that_landed_and_reports_a_removed_part_by_its_export()
    {
        await using var h = await DriveHarness.StartAsync();
        var exports = Path.Combine(h.Folder, "exports");
        TakeoutExportWriter.WriteZip(exports, SampleTakeout.OlderExport, SampleTakeout.OlderShowcase(), 1, deflate: false);
        var folder = h.Emulator.Drive.AddFolderOfFiles(exports);
        using var catalog = LibraryCatalog.Open(Path.Combine(h.Folder, "catalog.db"), CatalogAccess.ReadWrite);
        var health = new SourceHealthStore(Path.Combine(h.Folder, "state"));
        var connection = new DriveConnection(h.ConfigFolder, new HttpClient(), options: new DriveOptions { FirstBackoff = TimeSpan.FromMilliseconds(10) });
        await new DriveTakeout(catalog, connection.Parts, health).AddAsync(DriveTakeout.DefaultFolder, CancellationToken.None);
        var source = catalog.GetSources().Single(s => s.Kind == DriveTakeout.Kind);
        var sync = new DriveSync(catalog, connection, health);

        var quiet = await sync.SyncAsync(source, new SyncRequest(false), CancellationToken.None);
        Assert.Equal(SyncResult.Ok, quiet.Result);
        Assert.Equal(0, quiet.ItemsAdded);

        var newer = TakeoutExportWriter.WriteZip(Path.Combine(h.Folder, "newer"), SampleTakeout.NewerExport, SampleTakeout.NewerShowcase(), 1, deflate: false).Single();
        h.Emulator.Drive.AddFile(folder, newer);
        var landed = await sync.SyncAsync(source, new SyncRequest(false), CancellationToken.None);
        Assert.Equal(SyncResult.Ok, landed.Result);
        Assert.Contains(catalog.ReadTreeItems(), i => i.Name == "IMG_20250202_020202.jpg");

        h.Emulator.Drive.Delete(h.Emulator.Drive.Files.Single(f => f.Name == Path.GetFileName(newer)).Id);
        await sync.SyncAsync(source, new SyncRequest(false), CancellationToken.None);
        Assert.Contains(SampleTakeout.NewerExport, health.Read(source.Id).Unavailable);
        Assert.Contains(catalog.ReadTreeItems(), i => i.Name == "IMG_20250202_020202.jpg"); // items stay
        connection.Dispose();
    }

    private sealed class NoFacts : IOriginalFactsSink
    {
        public void Record(long itemId, ItemFacts facts)
        {
        }
    }
}
