namespace GPhotosFs.Library.Tests.Contracts;

/// <summary>A library whose one source serves a few items with known bytes; what a content contract test runs against.</summary>
public abstract class ContentFixture : LibraryFixture
{
    /// <summary>Creates the source, its originals and its items (paths assigned), and returns each item's original bytes by file name.</summary>
    public abstract Task<IReadOnlyDictionary<string, byte[]>> CreateAsync();

    /// <summary>Takes <paramref name="item"/>'s original away at its origin (deleted file, removed blob, archive gone).</summary>
    public abstract void MakeMissing(Catalog.ItemRecord item);
}
