using GPhotosFs.Library.Tests.Contracts;
using GPhotosFs.Library.Tests.TestSource;

namespace GPhotosFs.Library.Tests.Sources;

public sealed class PatternSyncFixture : SyncFixture
{
    public override Task CreateAsync()
    {
        Catalog.EnsureSource(PatternSourceKind.KindName, "pattern", PatternListing.Format(PatternContentFixture.Listing));
        return Task.CompletedTask;
    }

    public override void BreakOrigin() => Catalog.EnsureSource(Source.Kind, Source.Name, Source.Config + "," + PatternListing.FailMarker);

    public override string DeleteAtOrigin()
    {
        Catalog.EnsureSource(Source.Kind, Source.Name, PatternListing.Format(PatternListing.Parse(Source.Config).Where(i => i.Key != "b")));
        return "b";
    }
}

public sealed class PatternSyncTests : DeletingSyncContract<PatternSyncFixture>;
