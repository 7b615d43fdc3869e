using GPhotosFs.Catalog;
using GPhotosFs.Library.Tests.Contracts;
using GPhotosFs.Library.Tests.TestSource;

namespace GPhotosFs.Library.Tests.Sources;

/// <summary>The test source: registered with one line, it gets the whole contract for free.</summary>
public sealed class PatternContentFixture : ContentFixture
{
    public static readonly Dictionary<string, long> Listing = new() { ["a"] = 1_000, ["b"] = 300_001, ["c"] = 1_100_007 };

    public override async Task<IReadOnlyDictionary<string, byte[]>> CreateAsync()
    {
        Catalog.EnsureSource(PatternSourceKind.KindName, "pattern", PatternListing.Format(Listing));
        using (var syncs = OpenSyncs())
        {
            foreach (var (source, sync) in syncs.For(Catalog.GetSources()))
            {
                Assert.True((await sync.SyncAsync(source, new(Full: true), CancellationToken.None)).Succeeded);
            }
        }

        return Listing.ToDictionary(i => $"{i.Key}.bin", i => PatternBytes.Range(i.Key, 0, (int)i.Value));
    }

    public override void MakeMissing(ItemRecord item)
    {
        var source = Source;
        Catalog.EnsureSource(source.Kind, source.Name, PatternListing.Format(PatternListing.Parse(source.Config).Where(i => i.Key != item.SourceItemId)));
    }
}

public sealed class PatternContentTests : ContentSourceContract<PatternContentFixture>;
