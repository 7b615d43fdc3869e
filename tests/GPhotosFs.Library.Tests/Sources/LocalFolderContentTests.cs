using GPhotosFs.Catalog;
using GPhotosFs.Library.Tests.Contracts;

namespace GPhotosFs.Library.Tests.Sources;

/// <summary>A "local" source: originals are files below a folder of the library.</summary>
public sealed class LocalFolderContentFixture : ContentFixture
{
    private string Folder => Path.Combine(Library.Folder, "originals");

    public override Task<IReadOnlyDictionary<string, byte[]>> CreateAsync()
    {
        var source = Catalog.EnsureSource(SourceKinds.Local, "local", "originals");
        Directory.CreateDirectory(Path.Combine(Folder, "sub"));
        var originals = SampleOriginals.Create();
        foreach (var (name, bytes) in originals)
        {
            File.WriteAllBytes(Path.Combine(Folder, "sub", name), bytes);
        }

        Catalog.UpsertItems(originals.Select(o => SampleOriginals.Item(source.Id, o.Name, o.Bytes, $"sub/{o.Name}")).ToList());
        Catalog.AssignPaths();
        return Task.FromResult<IReadOnlyDictionary<string, byte[]>>(originals.ToDictionary(o => o.Name, o => o.Bytes));
    }

    public override void MakeMissing(ItemRecord item) => File.Delete(Path.Combine(Folder, item.Locator!));
}

public sealed class LocalFolderContentTests : ContentSourceContract<LocalFolderContentFixture>;
