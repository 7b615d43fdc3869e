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

    /// <summary>
    /// <see cref="ItemFolderFor"/> as an SQL expression over a capture time in Unix milliseconds
    /// (null for undated), so an update can compare an item's folder without reading it out.
    /// </summary>
    internal static string ItemFolderSql(string captureTimeMilliseconds) =>
        $"CASE WHEN {captureTimeMilliseconds} IS NULL THEN '{UndatedFolder}' " +
        $"ELSE '{PhotosRoot}/' || strftime('%Y/%m', {captureTimeMilliseconds} / 1000.0, 'unixepoch') END";
}
