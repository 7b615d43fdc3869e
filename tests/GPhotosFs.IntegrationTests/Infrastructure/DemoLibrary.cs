using GPhotosFs.Catalog;

namespace GPhotosFs.IntegrationTests.Infrastructure;

/// <summary>The local-folder demo library (<c>gphotosfs demo --classic</c>, awkward names) created once per test class by the real CLI.</summary>
public sealed class DemoLibrary : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("gphotosfs-lib-");

    public DemoLibrary()
        : this([])
    {
    }

    internal DemoLibrary(string[] extraArguments)
    {
        Tools.RunGphotosfs(["demo", Folder, "--classic", .. extraArguments]).AssertSuccess("gphotosfs demo");
    }

    public string Folder => _dir.FullName;

    public string CatalogPath => Path.Combine(Folder, "catalog.db");

    /// <summary>Every item with its assigned path and original file, straight from the catalog.</summary>
    public IReadOnlyList<ExpectedItem> Items()
    {
        using var catalog = LibraryCatalog.Open(CatalogPath, CatalogAccess.ReadOnly);
        return catalog.ReadTreeItems()
            .Select(row => catalog.GetItem(row.Id)!)
            .Select(item => new ExpectedItem(item, $"{item.DirPath}/{item.Name}", Path.Combine(Folder, "originals", item.Locator!)))
            .ToList();
    }

    public void Dispose() => _dir.Delete(recursive: true);
}

public sealed record ExpectedItem(ItemRecord Item, string MountPath, string OriginalPath);
