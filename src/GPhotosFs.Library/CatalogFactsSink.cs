using GPhotosFs.Catalog;
using GPhotosFs.Originals;

namespace GPhotosFs.Library;

/// <summary>
/// Records what a downloaded original revealed, filling only what the catalog did not know: a
/// capture time already shown as a file's mtime never changes under a backup tool. An item shown
/// without one (as 1970) keeps 1970: the learned time is recorded as <see cref="ItemRecord.LearnedAfterShown"/>,
/// which the catalog and the xattrs show and the mtime does not.
/// </summary>
public sealed class CatalogFactsSink(LibraryCatalog catalog) : IOriginalFactsSink
{
    public void Record(long itemId, ItemFacts facts)
    {
        if (catalog.GetItem(itemId) is not { } item)
        {
            return;
        }

        catalog.UpdateItemFacts(itemId, facts with
        {
            CaptureTime = item.CaptureTime is null ? facts.CaptureTime : null,
            CaptureTimeSource = item.CaptureTime is null && facts.CaptureTime is not null ? ItemRecord.LearnedAfterShown : null,
            CameraMake = item.CameraMake is null ? facts.CameraMake : null,
            CameraModel = item.CameraModel is null ? facts.CameraModel : null,
            Latitude = item.Latitude is null ? facts.Latitude : null,
            Longitude = item.Longitude is null ? facts.Longitude : null,
            Altitude = item.Latitude is null ? facts.Altitude : null,
        });
    }
}
