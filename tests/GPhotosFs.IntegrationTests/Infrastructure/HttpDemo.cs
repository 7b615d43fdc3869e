using GPhotosFs.Catalog;
using GPhotosFs.TestOrigin;

namespace GPhotosFs.IntegrationTests.Infrastructure;

/// <summary>
/// The demo library whose originals a local test origin serves over HTTP (<c>gphotosfs demo --origin</c>),
/// made by the real CLI, and what its catalog says: the fixture of the download-cache tests.
/// </summary>
public static class HttpDemo
{
    /// <summary>Creates (or re-creates) the library at <paramref name="library"/> and lets <paramref name="origin"/> serve its originals.</summary>
    public static void Create(string library, TestOriginServer origin, params string[] extra)
    {
        Tools.RunGphotosfs(["demo", library, "--force", "--origin", origin.UnsignedUrlFor("").AbsoluteUri, .. extra]).AssertSuccess("gphotosfs demo");
        origin.AddDirectory(Path.Combine(library, "originals"));
    }

    /// <summary>Every item shown in the mount, with its mount path and the original the origin serves.</summary>
    public static List<(string MountPath, string Original)> Items(string library)
    {
        using var catalog = Open(library);
        return catalog.ReadTreeItems().Where(i => !i.IsTrashed)
            .Select(i => catalog.GetItem(i.Id)!)
            .Select(i => ($"{i.DirPath}/{i.Name}", Path.Combine(library, "originals", i.Locator!)))
            .ToList();
    }

    public static long ItemId(string library, string mountPath)
    {
        using var catalog = Open(library);
        return catalog.ReadTreeItems().Single(i => $"{i.DirPath}/{i.Name}" == mountPath).Id;
    }

    public static ItemRecord Item(string library, long id)
    {
        using var catalog = Open(library);
        return catalog.GetItem(id)!;
    }

    private static LibraryCatalog Open(string library) => LibraryCatalog.Open(Path.Combine(library, "catalog.db"), CatalogAccess.ReadOnly);
}
