using GPhotosFs.Catalog;

namespace GPhotosFs.Vfs.Content;

/// <summary>A content source that can start fetching an item before anyone opens it (cross-file prefetch).</summary>
public interface IPrefetchingContentSource : IItemContentSource
{
    /// <summary>Starts fetching <paramref name="item"/> in the background, with bounded concurrency; returns at once.</summary>
    void Prefetch(ItemRecord item);
}
