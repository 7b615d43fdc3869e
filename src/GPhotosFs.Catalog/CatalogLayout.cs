using System.Globalization;

namespace GPhotosFs.Catalog;

/// <summary>The shape of the presented tree: where items and albums live.</summary>
public static class CatalogLayout
{
    public const string PhotosRoot = "photos";

    public const string AlbumsRoot = "albums";

    /// <summary>Where items without a capture time go; cannot clash with a four-digit year folder.</summary>
    public const string UndatedFolder = PhotosRoot + "/undated";

    /// <summary>The title of an album whose source title is empty or blank.</summary>
    public const string UntitledAlbum = "Untitled";

    /// <summary>
    /// "photos/YYYY/MM" from the capture time's UTC date, so the folder does not depend on the
    /// time zone of the machine that ran the sync; "photos/undated" without a capture time.
    /// </summary>
    public static string ItemFolderFor(DateTimeOffset? captureTime)
    {
        if (captureTime is not { } time)
        {
            return UndatedFolder;
        }

        DateTime utc = time.UtcDateTime;
        return string.Create(CultureInfo.InvariantCulture, $"{PhotosRoot}/{utc.Year:D4}/{utc.Month:D2}");
    }
}
