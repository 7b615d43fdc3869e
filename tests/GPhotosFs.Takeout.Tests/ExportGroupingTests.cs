using GPhotosFs.SampleMedia;
using GPhotosFs.Takeout.Indexing;
using GPhotosFs.Takeout.Samples;

namespace GPhotosFs.Takeout.Tests;

/// <summary>Parts of one export are one export in every format (issue 10, point 2): same Takeout timestamp, whatever the export number.</summary>
public sealed class ExportGroupingTests : IDisposable
{
    private const string Top = "Takeout/Google Photos";
    private static readonly DateTimeOffset Taken = new(2019, 7, 14, 18, 30, 12, TimeSpan.Zero);
    private readonly TakeoutLibrary _library = new();

    public void Dispose() => _library.Dispose();

    [Theory]
    [InlineData("takeout-20250101T000000Z-001.zip", "takeout-20250101T000000Z")]
    [InlineData("takeout-20250101T000000Z-2-003.tgz", "takeout-20250101T000000Z")]
    [InlineData("takeout-20250101T000000Z-004", "takeout-20250101T000000Z")]
    [InlineData("takeout-20250101T000000Z", "takeout-20250101T000000Z")]
    [InlineData("export-003.zip", "export")]
    [InlineData("My Takeout", "My Takeout")]
    public void The_export_is_named_by_its_stamp(string part, string export) =>
        Assert.Equal(export, TakeoutIndexer.ExportNameOf("/x/" + part));

    /// <summary>The media in one part, its sidecar (the true date, GPS) in another; the EXIF date misleads.</summary>
    private static (List<TakeoutMember> Media, List<TakeoutMember> Sidecars) Split()
    {
        var photo = SampleTakeout.Photo(51, new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero));
        return (
            [new($"{Top}/Photos from 2019/IMG_5100.jpg", photo)],
            [new($"{Top}/Photos from 2019/IMG_5100.jpg.json", TakeoutJson.Sidecar("IMG_5100.jpg", Taken, geoExif: new GpsLocation(48.85, 2.35, 35)))]);
    }

    [Fact]
    public void Extracted_part_folders_of_one_export_share_their_sidecars()
    {
        var (media, sidecars) = Split();
        var one = TakeoutExportWriter.WriteFolder(Path.Combine(_library.Exports, "takeout-20250101T000000Z-001"), media);
        var two = TakeoutExportWriter.WriteFolder(Path.Combine(_library.Exports, "takeout-20250101T000000Z-002"), sidecars);

        var result = _library.Add(one, two);

        Assert.Equal(0, result.NewlyMissing);
        Assert.Equal(["photos/2019/07/IMG_5100.jpg"], _library.PhotoPaths());
        var item = _library.Item("IMG_5100.jpg");
        Assert.Equal(("sidecar", 48.85), (item.CaptureTimeSource, item.Latitude));
    }

    [Fact]
    public void Archive_parts_with_different_export_numbers_are_one_export()
    {
        var (media, sidecars) = Split();
        var one = TakeoutExportWriter.WriteZip(_library.Exports, "takeout-20250101T000000Z-1", media, 1, deflate: false).Single();
        var two = TakeoutExportWriter.WriteTgz(_library.Exports, "takeout-20250101T000000Z-2", sidecars, 1).Single();

        _library.Add(one, two);

        Assert.Equal(["photos/2019/07/IMG_5100.jpg"], _library.PhotoPaths());
        Assert.Equal(48.85, _library.Item("IMG_5100.jpg").Latitude);
    }
}
