using MetadataExtractor;
using MetadataExtractor.Formats.Exif;

namespace GPhotosFs.Takeout.Archives;

/// <summary>The EXIF capture time in the head of a photo (MetadataExtractor stops before the image data, so the head suffices).</summary>
public static class ExifDates
{
    /// <summary>How much of a member is read to find its EXIF: JPEG's APP1 segment is at most 64 KiB and comes first.</summary>
    public const int HeadBytes = 128 * 1024;

    public static DateTimeOffset? Read(ReadOnlySpan<byte> head)
    {
        try
        {
            using var stream = new MemoryStream(head.ToArray(), writable: false);
            var directories = ImageMetadataReader.ReadMetadata(stream);
            if (directories.OfType<ExifSubIfdDirectory>().FirstOrDefault() is { } exif
                && exif.TryGetDateTime(ExifDirectoryBase.TagDateTimeOriginal, out var local))
            {
                var offset = exif.GetDescription(ExifDirectoryBase.TagTimeZoneOriginal);
                return offset is not null && TimeSpan.TryParse(offset.TrimStart('+'), System.Globalization.CultureInfo.InvariantCulture, out var o) && !offset.StartsWith('-')
                    ? new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), o)
                    : new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Utc));
            }
        }
        catch (Exception ex) when (ex is ImageProcessingException or IOException or ArgumentException or InvalidOperationException or IndexOutOfRangeException)
        {
            // Not an image MetadataExtractor knows, or damaged: no EXIF date.
        }

        return null;
    }
}
