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

    /// <summary>
    /// A part replaced on Drive after indexing (same names and offsets, other bytes: each photo has one
    /// byte changed) is never served as the old members: a later mount notices it from Drive's metadata
    /// before fetching a byte of it; a mount that already checked the part notices it when a member's
    /// CRC fails. Both fail cleanly naming the export, say so in health, and cache nothing.
    /// </summary>
    [Fact]
    public async Task A_part_replaced_on_Drive_fails_reads_cleanly_naming_its_export_and_caches_nothing()
    {
        await using var h = await DriveHarness.StartAsync();
        // Photos grown past the 64 KiB a ranged read fetches at least, so reading one holds none of the next in memory.
        var members = SampleTakeout.OlderShowcase().Where(m => m.Part is null)
            .Select(m => m.Path.EndsWith(".jpg", StringComparison.Ordinal) ? m with { Bytes = [.. m.Bytes, .. new byte[128 * 1024]] } : m).ToList();
        var part = TakeoutExportWriter.WriteZip(Path.Combine(h.Folder, "exports"), SampleTakeout.OlderExport, members, 1, deflate: false).Single();
        var altered = members.Select(m => m.Path.EndsWith(".jpg", StringComparison.Ordinal) ? m with { Bytes = Flipped(m.Bytes) } : m).ToList();
        var replacement = TakeoutExportWriter.WriteZip(Path.Combine(h.Folder, "replacement"), SampleTakeout.OlderExport, altered, 1, deflate: false).Single();
        Assert.Equal(new FileInfo(part).Length, new FileInfo(replacement).Length);
        var folder = h.Emulator.Drive.AddFolderOfFiles(Path.GetDirectoryName(part)!);
        var fileId = h.Emulator.Drive.Files.Single(f => f.Parent == folder).Id;
        using var catalog = LibraryCatalog.Open(Path.Combine(h.Folder, "catalog.db"), CatalogAccess.ReadWrite);
        var health = new SourceHealthStore(Path.Combine(h.Folder, "state"));
        await new DriveTakeout(catalog, new DrivePartStorages(h.Client()), health).AddAsync(DriveTakeout.DefaultFolder, CancellationToken.None);
        var source = catalog.GetSources().Single(s => s.Kind == DriveTakeout.Kind);
        var photos = catalog.ReadTreeItems().Select(r => catalog.GetItem(r.Id)!).Where(i => i.FileName.EndsWith(".jpg", StringComparison.Ordinal)).ToList();

        // A mount that reads one photo (the part's revision checked and seen), then the part is replaced under it.
        var cache = Path.Combine(h.Folder, "cache");
        var caches = new DownloadCaches(cache, Path.Combine(h.Folder, "partial"), health.Folder, new OriginalsOptions(), new NoFacts(), NullLogger.Instance);
        using (var content = new TakeoutContentSource(source, origin => caches.Create(source, origin, checkMedia: false), NullLogger.Instance, health, storages: new DrivePartStorages(h.Client())))
        {
            Assert.Equal(members.First(m => Path.GetFileName(m.Path) == photos[0].FileName).Bytes, await ReadAllAsync(content, photos[0]));
            h.Emulator.Drive.Replace(fileId, replacement);
            var failure = await Assert.ThrowsAnyAsync<Exception>(() => ReadAllAsync(content, photos[1]));
            Assert.Contains($"export {SampleTakeout.OlderExport}) was replaced", failure.ToString());
        }

        Assert.Contains(SampleTakeout.OlderExport, health.Read(source.Id).Unavailable);
        Assert.Contains("replaced", health.Read(source.Id).Unavailable);

        // A later mount: Drive's metadata says so before any byte of the part is fetched.
        var media = h.Emulator.Counters["drive.media"];
        var later = new DownloadCaches(Path.Combine(h.Folder, "cache2"), Path.Combine(h.Folder, "partial2"), health.Folder, new OriginalsOptions(), new NoFacts(), NullLogger.Instance);
        using (var remount = new TakeoutContentSource(source, origin => later.Create(source, origin, checkMedia: false), NullLogger.Instance, health, storages: new DrivePartStorages(h.Client())))
        {
            foreach (var photo in photos.Skip(1))
            {
                var failure = await Assert.ThrowsAnyAsync<Exception>(() => ReadAllAsync(remount, photo));
                Assert.Contains($"export {SampleTakeout.OlderExport}) was replaced", failure.ToString());
            }
        }

        Assert.Equal(media, h.Emulator.Counters["drive.media"]);
        // No cache holds a replaced photo's bytes (its CRC never passed); the one read before is there.
        var cached = new[] { cache, Path.Combine(h.Folder, "cache2") }.Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*", SearchOption.AllDirectories)).Select(File.ReadAllBytes).ToList();
        Assert.DoesNotContain(cached, bytes => altered.Any(m => m.Bytes.AsSpan().SequenceEqual(bytes)));
        Assert.Contains(cached, bytes => members.First(m => Path.GetFileName(m.Path) == photos[0].FileName).Bytes.AsSpan().SequenceEqual(bytes));
    }

    /// <summary>A member read by a mount costs one ranged request: its local header comes with its bytes (the header alone first was a round trip per file).</summary>
    [Fact]
    public async Task A_stored_member_is_read_in_one_request_with_its_local_header()
    {
        await using var h = await DriveHarness.StartAsync();
        var members = SampleTakeout.Bulk(20, photoBytes: 300_000);
        TakeoutExportWriter.WriteZip(Path.Combine(h.Folder, "exports"), "takeout-20260101T000000Z", members, 1, deflate: false, deflateMember: m => m.Path.EndsWith(".json", StringComparison.Ordinal));
        h.Emulator.Drive.AddFolderOfFiles(Path.Combine(h.Folder, "exports"));
        using var catalog = LibraryCatalog.Open(Path.Combine(h.Folder, "catalog.db"), CatalogAccess.ReadWrite);
        var health = new SourceHealthStore(Path.Combine(h.Folder, "state"));
        await new DriveTakeout(catalog, new DrivePartStorages(h.Client()), health).AddAsync(DriveTakeout.DefaultFolder, CancellationToken.None);
        var source = catalog.GetSources().Single(s => s.Kind == DriveTakeout.Kind);
        var photos = catalog.ReadTreeItems().Select(r => catalog.GetItem(r.Id)!).Where(i => i.FileName.EndsWith(".jpg", StringComparison.Ordinal)).Take(5).ToList();
        var caches = new DownloadCaches(Path.Combine(h.Folder, "cache"), Path.Combine(h.Folder, "partial"), health.Folder, new OriginalsOptions(), new NoFacts(), NullLogger.Instance);
        using var content = new TakeoutContentSource(source, origin => caches.Create(source, origin, checkMedia: false), NullLogger.Instance, health, storages: new DrivePartStorages(h.Client()));

        var before = h.Emulator.Counters["drive.media"];
        foreach (var photo in photos)
        {
            var member = members.First(m => m.Path.EndsWith("/" + photo.FileName, StringComparison.Ordinal));
            var bytes = await ReadAllAsync(content, photo);
            Assert.Equal(member.Length, bytes.Length);
            Assert.True(bytes.AsSpan(0, member.Bytes.Length).SequenceEqual(member.Bytes));
        }

        Assert.Equal(photos.Count, h.Emulator.Counters["drive.media"] - before);
    }

    private static byte[] Flipped(byte[] bytes)
    {
        var copy = (byte[])bytes.Clone();
        copy[100] ^= 0xFF;
        return copy;
    }

    private static async Task<byte[]> ReadAllAsync(TakeoutContentSource content, ItemRecord item)
    {
        using var opened = await content.OpenAsync(item, CancellationToken.None);
        var bytes = new byte[opened.Length];
        for (var at = 0; at < bytes.Length;)
        {
            var n = await opened.ReadAsync(at, bytes.AsMemory(at), CancellationToken.None);
            if (n == 0) throw new IOException("ended early");
            at += n;
        }

        return bytes;
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
