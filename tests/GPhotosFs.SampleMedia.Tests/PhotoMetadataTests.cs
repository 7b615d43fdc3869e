using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using MetadataExtractor.Formats.Jpeg;
using Directory = MetadataExtractor.Directory;

namespace GPhotosFs.SampleMedia.Tests;

/// <summary>Reads generated photos back with MetadataExtractor, the library the rest of GPhotosFs relies on.</summary>
public class PhotoMetadataTests
{
    private static readonly DateTimeOffset SydneyEvening = new(2023, 7, 14, 18, 30, 5, TimeSpan.FromHours(10));

    private static IReadOnlyList<Directory> Read(byte[] jpeg) => ImageMetadataReader.ReadMetadata(new MemoryStream(jpeg));

    [Fact]
    public void Capture_time_is_local_time_plus_offset()
    {
        var dirs = Read(SampleMediaFactory.CreatePhoto(new PhotoSpec
        {
            Width = 64, Height = 48, Seed = 1,
            CaptureTime = new DateTimeOffset(2021, 12, 31, 23, 59, 58, TimeSpan.FromHours(-7.5)),
        }));
        var exif = dirs.OfType<ExifSubIfdDirectory>().Single();
        var ifd0 = dirs.OfType<ExifIfd0Directory>().Single();

        Assert.Equal("2021:12:31 23:59:58", exif.GetString(ExifDirectoryBase.TagDateTimeOriginal));
        Assert.Equal("2021:12:31 23:59:58", exif.GetString(ExifDirectoryBase.TagDateTimeDigitized));
        Assert.Equal("-07:30", exif.GetString(ExifDirectoryBase.TagTimeZoneOriginal));
        Assert.Equal("-07:30", exif.GetString(ExifDirectoryBase.TagTimeZoneDigitized));
        Assert.Equal("-07:30", exif.GetString(ExifDirectoryBase.TagTimeZone));
        Assert.Equal("2021:12:31 23:59:58", ifd0.GetString(ExifDirectoryBase.TagDateTime));
        Assert.Equal("0232"u8.ToArray(), exif.GetByteArray(ExifDirectoryBase.TagExifVersion));
    }

    [Fact]
    public void Camera_dimensions_and_description_round_trip()
    {
        var dirs = Read(SampleMediaFactory.CreatePhoto(new PhotoSpec
        {
            Width = 123, Height = 45, Seed = 2, CaptureTime = SydneyEvening,
            CameraMake = "Pixelworks", CameraModel = "PW-9 Pro", Description = "Harbour at dusk",
        }));
        var ifd0 = dirs.OfType<ExifIfd0Directory>().Single();
        var exif = dirs.OfType<ExifSubIfdDirectory>().Single();
        var jpeg = dirs.OfType<JpegDirectory>().Single();

        Assert.Equal("Pixelworks", ifd0.GetString(ExifDirectoryBase.TagMake));
        Assert.Equal("PW-9 Pro", ifd0.GetString(ExifDirectoryBase.TagModel));
        Assert.Equal(1, ifd0.GetInt32(ExifDirectoryBase.TagOrientation));
        Assert.Equal("GPhotosFs.SampleMedia", ifd0.GetString(ExifDirectoryBase.TagSoftware));
        Assert.Equal("Harbour at dusk", ifd0.GetString(ExifDirectoryBase.TagImageDescription));
        Assert.Equal("Harbour at dusk", exif.GetDescription(ExifDirectoryBase.TagUserComment));
        Assert.Equal(123, exif.GetInt32(ExifDirectoryBase.TagExifImageWidth));
        Assert.Equal(45, exif.GetInt32(ExifDirectoryBase.TagExifImageHeight));
        Assert.Equal(123, jpeg.GetImageWidth());
        Assert.Equal(45, jpeg.GetImageHeight());
        Assert.Empty(dirs.SelectMany(d => d.Errors));
    }

    [Theory]
    [InlineData(-33.8688, -151.2093, 12.5)]   // south and west: negative refs
    [InlineData(51.5007, 0.1246, null)]
    [InlineData(-0.000001, 179.999999, -28.0)] // below sea level
    public void Gps_position_round_trips_with_hemisphere_signs(double latitude, double longitude, double? altitude)
    {
        var dirs = Read(SampleMediaFactory.CreatePhoto(new PhotoSpec
        {
            Width = 16, Height = 16, Seed = 3, CaptureTime = SydneyEvening,
            Gps = new GpsLocation(latitude, longitude, altitude),
        }));
        var gps = dirs.OfType<GpsDirectory>().Single();
        var location = gps.GetGeoLocation();

        Assert.NotNull(location);
        Assert.Equal(latitude, location.Latitude, 6);
        Assert.Equal(longitude, location.Longitude, 6);
        Assert.Equal(latitude < 0 ? "S" : "N", gps.GetString(GpsDirectory.TagLatitudeRef));
        Assert.Equal(longitude < 0 ? "W" : "E", gps.GetString(GpsDirectory.TagLongitudeRef));
        Assert.Equal("2.3.0.0", string.Join('.', gps.GetByteArray(GpsDirectory.TagVersionId)!));
        if (altitude is { } alt)
        {
            Assert.Equal(alt < 0 ? 1 : 0, gps.GetInt32(GpsDirectory.TagAltitudeRef));
            Assert.Equal(Math.Abs(alt), gps.GetRational(GpsDirectory.TagAltitude).ToDouble(), 2);
        }
        else
        {
            Assert.False(gps.ContainsTag(GpsDirectory.TagAltitude));
        }
    }

    [Fact]
    public void Optional_fields_are_absent_when_not_given()
    {
        var dirs = Read(SampleMediaFactory.CreatePhoto(new PhotoSpec { Width = 16, Height = 16, CaptureTime = SydneyEvening }));
        Assert.Empty(dirs.OfType<GpsDirectory>());
        Assert.False(dirs.OfType<ExifIfd0Directory>().Single().ContainsTag(ExifDirectoryBase.TagImageDescription));
        Assert.False(dirs.OfType<ExifSubIfdDirectory>().Single().ContainsTag(ExifDirectoryBase.TagUserComment));
    }

    [Fact]
    public void Non_ascii_description_is_utf8_in_ImageDescription_and_unicode_in_UserComment()
    {
        byte[] payload = ExifBuilder.Create(new ExifMetadata
        {
            CameraMake = "M", CameraModel = "N", CaptureTime = SydneyEvening, PixelWidth = 1, PixelHeight = 1,
            Description = "Café ☕",
        });
        var tiff = payload.AsSpan(6);
        var exifIfd = (int)Support.TiffEntries.ReadIfd(tiff, 8).Single(e => e.Tag == 0x8769).ValueOrOffset;
        var comment = Support.TiffEntries.ReadIfd(tiff, exifIfd).Single(e => e.Tag == 0x9286);
        var commentBytes = tiff.Slice((int)comment.ValueOrOffset, (int)comment.Count).ToArray();
        Assert.Equal("UNICODE\0"u8.ToArray(), commentBytes[..8]);
        Assert.Equal("Café ☕", System.Text.Encoding.Unicode.GetString(commentBytes, 8, commentBytes.Length - 8));

        var description = Support.TiffEntries.ReadIfd(tiff, 8).Single(e => e.Tag == 0x010E);
        Assert.Equal("Café ☕", System.Text.Encoding.UTF8.GetString(tiff.Slice((int)description.ValueOrOffset, (int)description.Count - 1)));
    }
}
