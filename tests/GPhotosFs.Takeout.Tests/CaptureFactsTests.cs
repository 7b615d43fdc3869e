using GPhotosFs.SampleMedia;
using GPhotosFs.Takeout.Samples;

namespace GPhotosFs.Takeout.Tests;

/// <summary>Capture time and place (issue 10, points 7 and 12): pre-1970 sidecar times, "0" as unknown, EXIF GPS without a sidecar.</summary>
public sealed class CaptureFactsTests : IDisposable
{
    private const string Folder = "Takeout/Google Photos/Photos from 1962";
    private readonly TakeoutLibrary _library = new();

    public void Dispose() => _library.Dispose();

    [Theory]
    [InlineData("zip")]
    [InlineData("tgz")]
    [InlineData("folder")]
    public void A_pre_1970_photoTakenTime_files_the_scan_in_its_month_and_0_means_unknown(string format)
    {
        var scanned = new DateTimeOffset(1962, 5, 20, 10, 0, 0, TimeSpan.Zero);
        var exif = new DateTimeOffset(2005, 3, 3, 3, 3, 3, TimeSpan.Zero);
        var members = new List<TakeoutMember>
        {
            new($"{Folder}/scan_1962.jpg", SampleTakeout.Photo(71, exif)),
            new($"{Folder}/scan_1962.jpg.json", TakeoutJson.Sidecar("scan_1962.jpg", scanned)),
            new($"{Folder}/unknown.jpg", SampleTakeout.Photo(72, exif)),
            new($"{Folder}/unknown.jpg.json", TakeoutJson.Sidecar("unknown.jpg", taken: null)), // photoTakenTime "0"
        };

        _library.Add(_library.Write(format, "takeout-20250101T000000Z", members, parts: 1));

        Assert.Equal(["photos/1962/05/scan_1962.jpg", "photos/2005/03/unknown.jpg"], _library.PhotoPaths());
        Assert.Equal(("sidecar", scanned), (_library.Item("scan_1962.jpg").CaptureTimeSource, _library.Item("scan_1962.jpg").CaptureTime));
        Assert.Equal("exif", _library.Item("unknown.jpg").CaptureTimeSource);
    }

    [Theory]
    [InlineData("zip")]
    [InlineData("tgz")]
    [InlineData("folder")]
    public void The_EXIF_position_of_a_photo_without_a_sidecar_is_recorded(string format)
    {
        var members = new List<TakeoutMember>
        {
            new("Takeout/Google Photos/Photos from 2019/nosidecar.jpg",
                SampleTakeout.Photo(73, new DateTimeOffset(2019, 7, 1, 0, 0, 0, TimeSpan.Zero), new GpsLocation(-33.8568, 151.2153, 5))),
        };

        _library.Add(_library.Write(format, "takeout-20250101T000000Z", members, parts: 1));

        var item = _library.Item("nosidecar.jpg");
        Assert.Equal(-33.8568, item.Latitude!.Value, 3);
        Assert.Equal(151.2153, item.Longitude!.Value, 3);
    }
}
