using GPhotosFs.Takeout.Archives;
using GPhotosFs.Takeout.Samples;
using Xunit.Abstractions;

namespace GPhotosFs.Takeout.Tests;

/// <summary>Runs alone: the retained-size figure is the whole GC heap's, so other tests must not allocate meanwhile.</summary>
[CollectionDefinition(nameof(HeapMeasuringCollection), DisableParallelization = true)]
public sealed class HeapMeasuringCollection;

/// <summary>
/// What a scanned part holds until its export is matched is bounded per member (issue 16: `takeout
/// add` of a million items peaked at 3.8 GB, a gigabyte of it the sidecars' raw bytes). A size, not
/// a time: deterministic for a given runtime.
/// </summary>
[Collection(nameof(HeapMeasuringCollection))]
public sealed class ScanMemoryTests(ITestOutputHelper output) : IDisposable
{
    private const int Items = 20_000;

    /// <summary>Measured (see the output): 434 bytes per member with sidecars parsed as read; 657 when their bytes were kept.</summary>
    private const long RetainedBytesPerMemberBound = 500;

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_scanned_part_keeps_sidecars_parsed_not_their_bytes()
    {
        var part = TakeoutExportWriter.WriteZip(_temp.Combine("exports"), "takeout-20260101T000000Z", SampleTakeout.Bulk(Items), 1, deflate: false, m => m.Path.EndsWith(".json", StringComparison.Ordinal))[0];
        PartReader.Scan(part, "warm-up", PartKind.Zip, new IndexCounters()); // first-use costs are not the scan's

        var before = GC.GetTotalMemory(forceFullCollection: true);
        var scan = PartReader.Scan(part, "p1", PartKind.Zip, new IndexCounters());
        var after = GC.GetTotalMemory(forceFullCollection: true);

        var members = scan.Entries.Count;
        Assert.True(members > 2 * Items, $"the scan found {members} members");
        var perMember = (after - before) / members;
        output.WriteLine($"{members:N0} members: {perMember} bytes retained per member");
        Assert.True(perMember <= RetainedBytesPerMemberBound, $"a scanned part retains {perMember} bytes per member (bound {RetainedBytesPerMemberBound})");
        Assert.Equal(Items, scan.Sidecars.Count);
        Assert.All(scan.Sidecars.Values, s => Assert.NotNull(s.Metadata));
        Assert.Equal(20, scan.Json.Count); // album metadata only
        GC.KeepAlive(scan);
    }
}
