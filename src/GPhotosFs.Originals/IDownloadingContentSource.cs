using GPhotosFs.Catalog;
using GPhotosFs.Vfs.Content;

namespace GPhotosFs.Originals;

/// <summary>
/// A content source whose items, all or some, are downloaded into the library's cache: what
/// <c>gphotosfs prefetch</c> fills, without knowing the source's kind.
/// </summary>
public interface IDownloadingContentSource : IItemContentSource
{
    /// <summary>The download engine writing this source's originals into the cache.</summary>
    CachedOriginals Cache { get; }

    /// <summary>Whether <paramref name="item"/>'s bytes come through the cache (false: read in place, nothing to prefetch).</summary>
    bool Downloads(ItemRecord item);
}
