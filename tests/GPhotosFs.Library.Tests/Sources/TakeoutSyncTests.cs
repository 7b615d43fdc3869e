using GPhotosFs.Library.Tests.Contracts;
using GPhotosFs.Takeout.Indexing;
using GPhotosFs.Takeout.Samples;

namespace GPhotosFs.Library.Tests.Sources;

/// <summary>Takeout's sync checks its recorded parts are still there; items arrive by <c>takeout add</c>, never by sync.</summary>
public sealed class TakeoutSyncFixture : SyncFixture
{
    private IReadOnlyList<string> _parts = [];

    public override Task CreateAsync()
    {
        _parts = TakeoutExportWriter.WriteZip(Scratch, "takeout-20250101T000000Z", SampleTakeout.Bulk(4), parts: 2, deflate: false);
        new TakeoutIndexer(Catalog).Add(_parts);
        return Task.CompletedTask;
    }

    /// <summary>An archive deleted on the NAS.</summary>
    public override void BreakOrigin() => File.Delete(_parts[^1]);
}

public sealed class TakeoutSyncTests : FallibleSyncContract<TakeoutSyncFixture>;
