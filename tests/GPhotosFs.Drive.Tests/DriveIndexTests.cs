using System.Text;
using GPhotosFs.Catalog;
using GPhotosFs.Catalog.Health;
using GPhotosFs.Takeout.Indexing;
using GPhotosFs.Takeout.Samples;

namespace GPhotosFs.Drive.Tests;

/// <summary>
/// The same parts indexed locally (`takeout add`) and where they lie on the emulated Drive make the
/// same catalog, reading a small share of the parts' bytes in few requests.
/// </summary>
public sealed class DriveIndexTests
{
    [Fact]
    public async Task Two_exports_on_Drive_index_exactly_as_the_same_parts_added_locally()
    {
        await using var h = await DriveHarness.StartAsync();
        var exports = Path.Combine(h.Folder, "exports");
        var parts = TakeoutExportWriter.WriteZip(exports, SampleTakeout.OlderExport, SampleTakeout.OlderShowcase(), 2, deflate: false, deflateMember: m => m.Path.EndsWith(".json", StringComparison.Ordinal))
            .Concat(TakeoutExportWriter.WriteZip(exports, SampleTakeout.NewerExport, SampleTakeout.NewerShowcase(), 3, deflate: false)).ToList();

        using var local = LibraryCatalog.Open(Path.Combine(h.Folder, "local.db"), CatalogAccess.ReadWrite);
        var localResult = new TakeoutIndexer(local).Add(parts);
        Assert.Empty(localResult.PartErrors);

        h.Emulator.Drive.AddFolderOfFiles(exports);
        using var remote = LibraryCatalog.Open(Path.Combine(h.Folder, "remote.db"), CatalogAccess.ReadWrite);
        var storages = new DrivePartStorages(h.Client());
        var added = await new DriveTakeout(remote, storages, new SourceHealthStore(Path.Combine(h.Folder, "state"))).AddAsync(DriveTakeout.DefaultFolder, CancellationToken.None);
        Assert.Equal((1, 5, 2), (added.Folders, added.Parts, added.Exports));
        Assert.Empty(added.Indexed.PartErrors);
        Assert.Equal(localResult.Items, added.Indexed.Items);

        Assert.Equal(Describe(local), Describe(remote));
    }

    /// <summary>
    /// Sidecars grouped (as when a folder's JSON members follow its media) are fetched by the
    /// hundred in one coalesced request: the bench's bounds, at most 2% of the bytes in at most 3
    /// requests per 100 items. Sidecars interleaved with large media cannot be coalesced without
    /// reading the media between them: then one request per sidecar, still a small share of the bytes.
    /// </summary>
    [Theory]
    [InlineData(true, 0.02, 3.0)]
    [InlineData(false, 0.05, 110.0)]
    public async Task A_bulk_export_indexes_with_few_requests_and_a_small_share_of_its_bytes(bool sidecarsGrouped, double maxShare, double maxPerHundred)
    {
        await using var h = await DriveHarness.StartAsync();
        var exports = Path.Combine(h.Folder, "exports");
        // Photos of 1 MB (zero-padded, sparse on disk), as real ones are far larger than their sidecars.
        var members = SampleTakeout.Bulk(600, photoBytes: 1_000_000, sidecarsLast: sidecarsGrouped);

        var parts = TakeoutExportWriter.WriteZip(exports, "takeout-20260101T000000Z", members, 2, deflate: false, deflateMember: m => m.Path.EndsWith(".json", StringComparison.Ordinal));
        h.Emulator.Drive.AddFolderOfFiles(exports);
        using var remote = LibraryCatalog.Open(Path.Combine(h.Folder, "remote.db"), CatalogAccess.ReadWrite);
        var client = h.Client();
        var added = await new DriveTakeout(remote, new DrivePartStorages(client), new SourceHealthStore(Path.Combine(h.Folder, "state"))).AddAsync(DriveTakeout.DefaultFolder, CancellationToken.None);
        Assert.Equal(600, added.Indexed.Items);

        var total = parts.Sum(p => new FileInfo(p).Length);
        var share = (double)h.Emulator.Counters.DriveMediaBytes / total;
        var perHundred = h.Emulator.Counters.DriveRequests * 100.0 / 600;
        Assert.True(share <= maxShare, $"read {share:P2} of the parts' bytes");
        Assert.True(perHundred <= maxPerHundred, $"{perHundred:0.0} requests per 100 items ({h.Emulator.Counters.DriveRequests} in all)");
    }

    [Fact]
    public async Task A_tgz_part_is_refused_with_what_to_do_and_zips_beside_it_are_indexed()
    {
        await using var h = await DriveHarness.StartAsync();
        var exports = Path.Combine(h.Folder, "exports");
        TakeoutExportWriter.WriteZip(exports, SampleTakeout.OlderExport, SampleTakeout.OlderShowcase(), 1, deflate: false);
        TakeoutExportWriter.WriteTgz(exports, SampleTakeout.NewerExport, SampleTakeout.NewerShowcase(), 1);
        h.Emulator.Drive.AddFolderOfFiles(exports);
        using var remote = LibraryCatalog.Open(Path.Combine(h.Folder, "remote.db"), CatalogAccess.ReadWrite);
        var added = await new DriveTakeout(remote, new DrivePartStorages(h.Client()), new SourceHealthStore(Path.Combine(h.Folder, "state"))).AddAsync(DriveTakeout.DefaultFolder, CancellationToken.None);
        var refusal = Assert.Single(added.Refused);
        Assert.Contains("takeout-20250301T000000Z-001.tgz", refusal);
        Assert.Contains(".zip", refusal);
        Assert.Equal(1, added.Parts);
        Assert.True(added.Indexed.Items > 0);
    }

    [Fact]
    public async Task A_part_removed_from_Drive_is_noticed_its_items_stay_and_health_names_the_export()
    {
        await using var h = await DriveHarness.StartAsync();
        var exports = Path.Combine(h.Folder, "exports");
        TakeoutExportWriter.WriteZip(exports, SampleTakeout.OlderExport, SampleTakeout.OlderShowcase(), 2, deflate: false);
        var folder = h.Emulator.Drive.AddFolderOfFiles(exports);
        using var remote = LibraryCatalog.Open(Path.Combine(h.Folder, "remote.db"), CatalogAccess.ReadWrite);
        var health = new SourceHealthStore(Path.Combine(h.Folder, "state"));
        var drive = new DriveTakeout(remote, new DrivePartStorages(h.Client()), health);
        var first = await drive.AddAsync(DriveTakeout.DefaultFolder, CancellationToken.None);
        var items = remote.ReadTreeItems().Count();

        var second = h.Emulator.Drive.Files.Single(f => f.Parent == folder && f.Name.EndsWith("-002.zip", StringComparison.Ordinal));
        h.Emulator.Drive.Delete(second.Id);
        var again = await drive.AddAsync(DriveTakeout.DefaultFolder, CancellationToken.None);
        Assert.Equal("takeout-20250101T000000Z-002.zip", DrivePart.Parse(Assert.Single(again.Removed).Path)?.Name);
        Assert.Equal(items, remote.ReadTreeItems().Count());
        var source = remote.GetSources().Single(s => s.Kind == DriveTakeout.Kind);
        var unavailable = health.Read(source.Id).Unavailable;
        Assert.Contains(SampleTakeout.OlderExport, unavailable);
        Assert.Contains("no longer on Google Drive", unavailable);
        Assert.Equal(0, again.Indexed.PartsAdded);
        Assert.True(first.Indexed.PartsAdded == 2);
    }

    [Fact]
    public async Task A_second_run_reads_nothing_when_nothing_changed_and_a_replaced_part_is_indexed_again()
    {
        await using var h = await DriveHarness.StartAsync();
        var exports = Path.Combine(h.Folder, "exports");
        var parts = TakeoutExportWriter.WriteZip(exports, SampleTakeout.OlderExport, SampleTakeout.OlderShowcase(), 1, deflate: false);
        var folder = h.Emulator.Drive.AddFolderOfFiles(exports);
        using var remote = LibraryCatalog.Open(Path.Combine(h.Folder, "remote.db"), CatalogAccess.ReadWrite);
        var drive = new DriveTakeout(remote, new DrivePartStorages(h.Client()), new SourceHealthStore(Path.Combine(h.Folder, "state")));
        await drive.AddAsync(DriveTakeout.DefaultFolder, CancellationToken.None);
        var media = h.Emulator.Counters["drive.media"];
        var unchanged = await drive.AddAsync(DriveTakeout.DefaultFolder, CancellationToken.None);
        Assert.Equal(1, unchanged.Indexed.PartsUnchanged);
        Assert.Equal(media, h.Emulator.Counters["drive.media"]);

        var replacement = TakeoutExportWriter.WriteZip(Path.Combine(h.Folder, "replacement"), SampleTakeout.OlderExport, SampleTakeout.NewerShowcase(), 1, deflate: false).Single();
        h.Emulator.Drive.Replace(h.Emulator.Drive.Files.Single(f => f.Parent == folder).Id, replacement);
        var replaced = await drive.AddAsync(DriveTakeout.DefaultFolder, CancellationToken.None);
        Assert.Equal(1, replaced.Indexed.PartsAdded);
        Assert.Contains(remote.ReadTreeItems(), i => i.Name == "IMG_20250202_020202.jpg");
    }

    /// <summary>Everything the mount shows from a catalog, item by item and album by album, with what each item is read from.</summary>
    internal static string Describe(LibraryCatalog catalog)
    {
        var text = new StringBuilder();
        var items = catalog.ReadTreeItems().ToList();
        var byId = items.ToDictionary(i => i.Id, i => $"{i.DirPath}/{i.Name}");
        foreach (var row in items.OrderBy(i => i.DirPath, StringComparer.Ordinal).ThenBy(i => i.Name, StringComparer.Ordinal))
        {
            var item = catalog.GetItem(row.Id)!;
            text.AppendLine($"{row.DirPath}/{row.Name} {row.Size} {row.CaptureTime:O} {row.MimeType} fav={row.IsFavorite} arch={row.IsArchived} trash={row.IsTrashed} " +
                            $"missing={row.MissingSince is not null} {item.SourceItemId} {item.Locator} {item.Description} {item.Latitude} {item.Longitude} {item.CaptureTimeSource}");
        }

        var albums = catalog.ReadTreeAlbums().ToDictionary(a => a.Id);
        foreach (var entry in catalog.ReadTreeAlbumEntries().OrderBy(e => albums[e.AlbumId].DirName, StringComparer.Ordinal).ThenBy(e => e.Position))
        {
            text.AppendLine($"albums/{albums[entry.AlbumId].DirName} ({albums[entry.AlbumId].Title}) #{entry.Position} {entry.Name} -> {byId[entry.ItemId]}");
        }

        return text.ToString();
    }
}
