using System.Diagnostics;
using Xunit.Abstractions;

namespace GPhotosFs.Catalog.Tests;

public sealed class LargeLibraryTests(ITestOutputHelper output) : IDisposable
{
    private const int ItemCount = 100_000;

    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void HundredThousandItems_UpsertAndAssign_Correctly()
    {
        using LibraryCatalog catalog = Catalogs.Create(_folder, out SourceRecord source);
        var start = new DateTimeOffset(2010, 1, 1, 0, 0, 0, TimeSpan.Zero);
        List<ItemRecord> items = Enumerable.Range(0, ItemCount)
            .Select(i => new ItemRecord
            {
                SourceId = source.Id,
                SourceItemId = $"item-{i:D6}",
                // Phone-style names repeat across years and collide by case within a month.
                FileName = i % 10 == 0 ? $"img_{i % 10_000:D4}.JPG" : $"IMG_{i % 10_000:D4}.jpg",
                CaptureTime = i % 50 == 0 ? null : start.AddMinutes(i * 53L),
                CaptureTimeSource = i % 50 == 0 ? null : "api",
                Size = 1000 + i,
                Description = i % 7 == 0 ? "a description" : null,
            })
            .ToList();

        var watch = Stopwatch.StartNew();
        IReadOnlyList<long> ids = catalog.UpsertItems(items);
        output.WriteLine($"upsert: {watch.ElapsedMilliseconds} ms");
        watch.Restart();
        int assigned = catalog.AssignPaths();
        output.WriteLine($"assign: {watch.ElapsedMilliseconds} ms");
        watch.Restart();
        List<TreeItemRow> tree = catalog.ReadTreeItems().ToList();
        output.WriteLine($"read tree: {watch.ElapsedMilliseconds} ms");

        Assert.Equal(ItemCount, ids.Distinct().Count());
        Assert.Equal(ItemCount, assigned);
        Assert.Equal(ItemCount, tree.Count);
        Assert.Equal(ItemCount, tree.Select(row => (row.DirPath, NameSanitizer.ToCollisionKey(row.Name))).Distinct().Count());

        Dictionary<long, TreeItemRow> byId = tree.ToDictionary(row => row.Id);
        for (int i = 0; i < ItemCount; i += 997)
        {
            TreeItemRow row = byId[ids[i]];
            Assert.Equal(CatalogLayout.ItemFolderFor(items[i].CaptureTime), row.DirPath);
            Assert.Equal(items[i].Size, row.Size);
            Assert.StartsWith(Path.GetFileNameWithoutExtension(items[i].FileName), row.Name, StringComparison.Ordinal);
        }

        // A second listing of the same library changes nothing and keeps every id.
        long version = catalog.GetDataVersion();
        watch.Restart();
        IReadOnlyList<long> again = catalog.UpsertItems(items);
        output.WriteLine($"unchanged re-upsert: {watch.ElapsedMilliseconds} ms");
        Assert.Equal(ids, again);
        Assert.Equal(0, catalog.AssignPaths());
        Assert.Equal(version, catalog.GetDataVersion());
    }
}
