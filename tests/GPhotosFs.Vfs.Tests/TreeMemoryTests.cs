using GPhotosFs.Catalog;
using GPhotosFs.Vfs.Tree;
using Xunit.Abstractions;

namespace GPhotosFs.Vfs.Tests;

/// <summary>Runs alone: the retained-size figure is the whole GC heap's, so other tests must not allocate meanwhile.</summary>
[CollectionDefinition(nameof(HeapMeasuringCollection), DisableParallelization = true)]
public sealed class HeapMeasuringCollection;

/// <summary>
/// The mounted tree's memory per item is bounded (issue 16: a 1,000,000-item library in ≤ 300 MB of
/// daemon). Sizes, not times: both figures are deterministic for a given runtime (allocation sizes do
/// not depend on load), and the bounds carry ~15 % headroom over what was measured.
/// </summary>
[Collection(nameof(HeapMeasuringCollection))]
public sealed class TreeMemoryTests(ITestOutputHelper output)
{
    private const int Items = 100_000;

    /// <summary>Measured at 100k items (see the test's output): 120 bytes retained per item (183 with a Dictionary entry and a byte[] name per file).</summary>
    private const long RetainedBytesPerItemBound = 138;

    /// <summary>Everything the build allocates, garbage included (rows not counted: they are made before): 162 measured (508 before).</summary>
    private const long AllocatedBytesPerItemBound = 190;

    [Fact]
    public void A_tree_of_100k_items_retains_and_allocates_a_bounded_number_of_bytes_per_item()
    {
        var (items, albums, entries) = Library(Items);
        LibraryTreeBuilder.Build(items[..100], albums, [], new TreeOptions()); // first-use costs (JIT, statics) are not the tree's

        var before = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var tree = LibraryTreeBuilder.Build(items, albums, entries, new TreeOptions());
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        var after = GC.GetTotalMemory(forceFullCollection: true);

        Assert.Equal(Items, tree.FileCount); // the tree is whole (and alive until here)
        GC.KeepAlive(items);
        var retainedPerItem = (after - before) / Items;
        var allocatedPerItem = allocated / Items;
        output.WriteLine($"{Items:N0} items, {entries.Length:N0} album entries: {retainedPerItem} bytes retained per item, {allocatedPerItem} allocated per item");
        Assert.True(retainedPerItem <= RetainedBytesPerItemBound, $"the tree retains {retainedPerItem} bytes per item (bound {RetainedBytesPerItemBound})");
        Assert.True(allocatedPerItem <= AllocatedBytesPerItemBound, $"building the tree allocates {allocatedPerItem} bytes per item (bound {AllocatedBytesPerItemBound})");
    }

    /// <summary>Items spread over ten years of month folders with camera-like names; 2 % of them also in one of 20 albums.</summary>
    private static (TreeItemRow[] Items, TreeAlbumRow[] Albums, TreeAlbumEntryRow[] Entries) Library(int count)
    {
        var items = new TreeItemRow[count];
        var entries = new List<TreeAlbumEntryRow>();
        var start = new DateTimeOffset(2015, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < count; i++)
        {
            var taken = start.AddMinutes(i * 50L);
            var id = i + 1;
            var name = $"IMG_{taken:yyyyMMdd_HHmmss}_{id % 1000:D3}.jpg";
            items[i] = new TreeItemRow(id, $"photos/{taken:yyyy}/{taken:MM}", name, 3_000_000 + id, taken, "image/jpeg", false, false, false, null, start, start);
            if (i % 50 == 0)
            {
                entries.Add(new TreeAlbumEntryRow(1 + (i / 50 % 20), id, i, name));
            }
        }

        var albums = Enumerable.Range(1, 20).Select(a => new TreeAlbumRow(a, $"Album {a}", $"Album {a}")).ToArray();
        return (items, albums, [.. entries.OrderBy(e => e.AlbumId).ThenBy(e => e.Position)]);
    }
}
