using GPhotosFs.Takeout.Samples;

namespace GPhotosFs.Takeout.Tests;

/// <summary>A part holding nothing but sidecars is part of its export (the indexer lets go of sidecars' directory entries once scanned).</summary>
public sealed class SidecarOnlyPartTests
{
    [Fact]
    public void A_part_of_only_sidecars_is_added_and_dates_the_media_of_the_other_part()
    {
        using var library = new TakeoutLibrary();
        var parts = TakeoutExportWriter.WriteZip(library.Exports, "takeout-20260101T000000Z", SampleTakeout.Bulk(500, sidecarsLast: true), 2, deflate: false);
        using (var last = System.IO.Compression.ZipFile.OpenRead(parts[^1]))
        {
            Assert.All(last.Entries, e => Assert.EndsWith(".json", e.FullName, StringComparison.Ordinal));
        }

        var result = library.Add(parts);

        Assert.Empty(result.Refused);
        Assert.Equal(2, result.PartsAdded);
        Assert.Equal(500, result.Items);
        Assert.All(library.Catalog.ReadTreeItems().Select(i => library.Catalog.GetItem(i.Id)!), i => Assert.Equal("sidecar", i.CaptureTimeSource));
    }
}
