using GPhotosFs.Takeout.Samples;

namespace GPhotosFs.Takeout.Tests;

/// <summary>
/// One generated export per sidecar quirk: a photo whose EXIF says 2001 and whose sidecar says
/// 2019-07-14, so the tree shows which one was used. Each export is two zip parts with the sidecar
/// in the second (sidecars may sit in another part than their media).
/// </summary>
public sealed class QuirkFixtureTests : IDisposable
{
    private static readonly DateTimeOffset SidecarTime = new(2019, 7, 14, 18, 30, 12, TimeSpan.Zero);
    private static readonly DateTimeOffset ExifTime = new(2001, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset QuickTimeEpoch = GPhotosFs.SampleMedia.QuickTimeWriter.Epoch;
    private readonly TakeoutLibrary _library = new();

    public void Dispose() => _library.Dispose();

    public static TheoryData<string, string, string> Quirks() => new()
    {
        { "classic", "IMG_1234.jpg", "IMG_1234.jpg.json" },
        { "duplicate (n) after the extension", "IMG_1234(1).jpg", "IMG_1234.jpg(1).json" },
        { "extensionless sidecar", "20030616.jpg", "20030616.json" },
        { "cut to 51 characters", "A rather long file name straight from a scanner x.jpg", "A rather long file name straight from a scanner x.jpg"[..46] + ".json" },
        { "supplemental-metadata", "PXL_20211224_190000123.jpg", "PXL_20211224_190000123.jpg.supplemental-metadata.json" },
        { "supplemental cut", "PXL_20211224_190000123.jpg", "PXL_20211224_190000123.jpg.supplemental-metad.json" },
        { "supplemental cut to .s", "IMG_20220505_050505_0123456789.jpg", "IMG_20220505_050505_0123456789.jpg.s.json" },
        { "supplemental cut to ..", "IMG_20220505_050505_01234567890.jpg", "IMG_20220505_050505_01234567890.jpg..json" },
        { "supplemental duplicate", "IMG_1234(2).jpg", "IMG_1234.jpg.supplemental-metadata(2).json" },
        { "supplemental without extension", "IMG_1234.jpg", "IMG_1234.supplemental-metadata.json" },
        { "edited copy, English", "IMG_1234-edited.jpg", "IMG_1234.jpg.json" },
        { "edited copy, German", "IMG_1234-bearbeitet.jpg", "IMG_1234.jpg.json" },
        { "edited copy, French", "IMG_1234-modifié.jpg", "IMG_1234.jpg.json" },
        { "edited copy, Japanese", "IMG_1234-編集済み.jpg", "IMG_1234.jpg.json" },
    };

    [Theory]
    [MemberData(nameof(Quirks))]
    public void TheSidecarDatesTheItem(string quirk, string media, string sidecar)
    {
        const string folder = "Takeout/Google Photos/Photos from 2019";
        var members = new List<TakeoutMember>
        {
            new($"{folder}/{media}", SampleTakeout.Photo(1, ExifTime), Part: 0),
            new($"{folder}/{sidecar}", TakeoutJson.Sidecar(media, SidecarTime, description: quirk), Part: 1),
        };
        var result = _library.Add(_library.Write("zip", "takeout-quirk", members));

        Assert.Empty(result.PartErrors);
        Assert.Equal([$"photos/2019/07/{media}"], _library.PhotoPaths());
        var item = _library.Item(media);
        Assert.Equal(SidecarTime, item.CaptureTime);
        Assert.Equal("sidecar", item.CaptureTimeSource);
        Assert.Equal(quirk, item.Description);
    }

    [Theory]
    [InlineData("zip")]
    [InlineData("tgz")]
    [InlineData("folder")]
    public void WithoutASidecarExifOrQuickTimeThenFileNameThenArchiveTime(string format)
    {
        const string folder = "Takeout/Google Photos/Photos from 2019";
        var modified = new DateTimeOffset(2024, 2, 2, 2, 2, 2, TimeSpan.Zero);
        var members = new List<TakeoutMember>
        {
            new($"{folder}/photo.jpg", SampleTakeout.Photo(1, ExifTime), Modified: modified),
            new($"{folder}/VID_20230704_210001.mp4", SampleTakeout.Video(4, ExifTime), Modified: modified),
            new($"{folder}/clip1.mov", SampleTakeout.Video(5, ExifTime), Modified: modified),
            // A video whose movie header has no creation time (0): its name, then the archive's time.
            new($"{folder}/VID_20230704_210000.mp4", SampleTakeout.Video(2, QuickTimeEpoch), Modified: modified),
            new($"{folder}/clip.mov", SampleTakeout.Video(3, QuickTimeEpoch), Modified: modified),
        };
        _library.Add(_library.Write(format, "takeout-dates", members, parts: 1));
        Assert.Equal(("exif", ExifTime), (_library.Item("photo.jpg").CaptureTimeSource, _library.Item("photo.jpg").CaptureTime));
        // Videos: the QuickTime movie header's creation time (mvhd, 1904 epoch) first, as exiftool reads it.
        Assert.Equal(("quicktime", ExifTime), (_library.Item("VID_20230704_210001.mp4").CaptureTimeSource, _library.Item("VID_20230704_210001.mp4").CaptureTime));
        Assert.Equal(("quicktime", ExifTime), (_library.Item("clip1.mov").CaptureTimeSource, _library.Item("clip1.mov").CaptureTime));
        Assert.Equal("filename", _library.Item("VID_20230704_210000.mp4").CaptureTimeSource);
        Assert.Equal(("archive", modified), (_library.Item("clip.mov").CaptureTimeSource, _library.Item("clip.mov").CaptureTime));
    }
}
