using GPhotosFs.Catalog;

namespace GPhotosFs.Originals;

/// <summary>Receives what a committed original revealed (size, hash, EXIF), typically to record it in the catalog.</summary>
public interface IOriginalFactsSink
{
    void Record(long itemId, ItemFacts facts);
}
