using GPhotosFs.Originals;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;

namespace GPhotosFs.Takeout.Archives;

/// <summary>The EXIF capture time and GPS position in the head of a photo (MetadataExtractor stops before the image data, so the head suffices).</summary>
public static class ExifDates
{
    /// <summary>How much of a member is read to find its EXIF: JPEG's APP1 segment is at most 64 KiB and comes first.</summary>
    public const int HeadBytes = 128 * 1024;

    public static DateTimeOffset? Read(ReadOnlySpan<byte> head) => ReadFacts(head)?.CaptureTime;

    /// <returns>The photo's EXIF facts, or null when it has neither a date nor a position.</returns>
    public static MediaFacts? ReadFacts(ReadOnlySpan<byte> head)
    {
        try
        {
            using var stream = new MemoryStream(head.ToArray(), writable: false);
            var directories = MediaMetadata.Read(stream);
            DateTimeOffset? taken = null;
            if (directories.OfType<ExifSubIfdDirectory>().FirstOrDefault() is { } exif
                && exif.TryGetDateTime(ExifDirectoryBase.TagDateTimeOriginal, out var local))
            {
                var offset = exif.GetDescription(ExifDirectoryBase.TagTimeZoneOriginal);
                taken = offset is not null && TimeSpan.TryParse(offset.TrimStart('+'), System.Globalization.CultureInfo.InvariantCulture, out var o) && !offset.StartsWith('-')
                    ? new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), o)
                    : new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Utc));
            }

            double? latitude = null, longitude = null, altitude = null;
            if (directories.OfType<GpsDirectory>().FirstOrDefault() is { } gps && gps.GetGeoLocation() is { IsZero: false } location
                && location.Latitude is >= -90 and <= 90 && location.Longitude is >= -180 and <= 180)
            {
                latitude = location.Latitude;
                longitude = location.Longitude;
                if (gps.TryGetRational(GpsDirectory.TagAltitude, out var rational) && rational.Denominator != 0)
                {
                    altitude = rational.ToDouble() * (gps.TryGetInt32(GpsDirectory.TagAltitudeRef, out var below) && below == 1 ? -1 : 1);
                }
            }

            return taken is null && latitude is null ? null : new MediaFacts(taken, taken is null ? null : "exif", latitude, longitude, altitude);
        }
        catch (Exception ex) when (ex is ImageProcessingException or IOException or ArgumentException or InvalidOperationException or IndexOutOfRangeException or MetadataException)
        {
            // Not an image MetadataExtractor knows, or damaged: nothing known.
        }

        return null;
    }
}
