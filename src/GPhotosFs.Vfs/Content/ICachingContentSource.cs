using GPhotosFs.Catalog;

namespace GPhotosFs.Vfs.Content;

/// <summary>A content source that keeps originals in a local cache: whether one is there, without reading it (the <c>user.gphotos.cached</c> attribute).</summary>
public interface ICachingContentSource
{
    bool IsCached(ItemRecord item);
}
