using System.Text;
using GPhotosFs.SampleMedia;
using GPhotosFs.Takeout.Samples;
using GPhotosFs.Takeout.Sidecars;

namespace GPhotosFs.Takeout.Tests;

public sealed class MetadataParsingTests
{
    [Fact]
    public void SidecarFieldsAreRead()
    {
        var taken = new DateTimeOffset(2019, 7, 14, 18, 30, 12, TimeSpan.Zero);
        var json = TakeoutJson.Sidecar("a.jpg", taken, geoExif: new GpsLocation(43.695, 7.2706, 12), geo: new GpsLocation(1, 2),
            description: "Sunset", favorited: true, archived: true, trashed: true, people: ["Alice", "Bob"]);
        var metadata = SidecarMetadata.Parse(json);
        Assert.Equal(taken, metadata.PhotoTakenTime);
        Assert.Equal(43.695, metadata.Latitude);
        Assert.Equal(7.2706, metadata.Longitude);
        Assert.Equal(12, metadata.Altitude);
        Assert.Equal("Sunset", metadata.Description);
        Assert.True(metadata.Favorited && metadata.Archived && metadata.Trashed);
        Assert.Equal(["Alice", "Bob"], metadata.People);
    }

    [Fact]
    public void GeoDataIsTheFallbackAndZeroZeroMeansNone()
    {
        var fallback = SidecarMetadata.Parse(TakeoutJson.Sidecar("a.jpg", null, geoExif: null, geo: new GpsLocation(48.85, 2.29)));
        Assert.Equal(48.85, fallback.Latitude);
        var none = SidecarMetadata.Parse(TakeoutJson.Sidecar("a.jpg", null));
        Assert.Null(none.Latitude);
        Assert.Null(none.Longitude);
        Assert.Null(none.PhotoTakenTime); // "0" means unknown
        Assert.False(none.Favorited || none.Archived || none.Trashed);
    }

    [Theory]
    [InlineData("{\"title\":\"Summer\",\"description\":\"Nice\"}")]
    [InlineData("{\"albumData\":{\"title\":\"Summer\",\"description\":\"Nice\"}}")]
    public void AlbumMetadataWithAndWithoutWrapper(string json)
    {
        var album = AlbumMetadata.Parse(Encoding.UTF8.GetBytes(json));
        Assert.Equal("Summer", album.Title);
        Assert.Equal("Nice", album.Description);
    }

    [Fact]
    public void BrokenJsonThrowsJsonException() =>
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => SidecarMetadata.Parse(Encoding.UTF8.GetBytes("{\"title\": ")));

    [Theory]
    [InlineData("IMG_20190101_123456.jpg", "2019-01-01T12:34:56")]
    [InlineData("PXL_20211224_190000123.jpg", "2021-12-24T19:00:00")]
    [InlineData("VID_20230704_210000.mp4", "2023-07-04T21:00:00")]
    [InlineData("Screenshot_20220909-101112.png", "2022-09-09T10:11:12")]
    [InlineData("Screenshot_2019-01-01-12-34-56.png", "2019-01-01T12:34:56")]
    [InlineData("20030616.jpg", "2003-06-16T00:00:00")]
    public void FileNameDates(string name, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected + "Z", System.Globalization.CultureInfo.InvariantCulture), Sidecars.FileNameDates.Parse(name));

    [Theory]
    [InlineData("scan0001.jpg")]
    [InlineData("IMG_20191399_000000.jpg")]
    [InlineData("123456789012345.jpg")]
    public void NamesWithoutDates(string name) => Assert.Null(Sidecars.FileNameDates.Parse(name));

    [Theory]
    [InlineData("Photos from 2019", true)]
    [InlineData("Fotos von 2019", true)]
    [InlineData("Photos de 2019", true)]
    [InlineData("2019年的照片", true)]
    [InlineData("Summer trip to Nice", false)]
    public void YearFolders(string name, bool isYear) => Assert.Equal(isYear, TakeoutNames.IsYearFolder(name));
}
