using GPhotosFs.Catalog;
using GPhotosFs.Library.Tests.Contracts;

namespace GPhotosFs.Library.Tests.Sources;

/// <summary>The Picker source's sync has nothing to fetch (items come from <c>gphotosfs pick</c>): it must still write nothing.</summary>
public sealed class PickerSyncFixture : SyncFixture
{
    public override Task CreateAsync()
    {
        var source = Catalog.EnsureSource(SourceKinds.GooglePicker, "google-picker", null);
        var originals = SampleOriginals.Create();
        Catalog.UpsertItems(originals.Select(o => SampleOriginals.Item(source.Id, o.Name, o.Bytes, "photo")).ToList());
        Catalog.AssignPaths();
        return Task.CompletedTask;
    }
}

public sealed class PickerSyncTests : SyncContract<PickerSyncFixture>;
