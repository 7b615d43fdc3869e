using GPhotosFs.Takeout.Samples;
using GPhotosFs.Vfs.Content;

namespace GPhotosFs.Takeout.Tests;

/// <summary>
/// The showcase export (every quirk; see <see cref="SampleTakeout.OlderShowcase"/>) indexed from
/// each kind of part into a real catalog: the resulting tree and metadata.
/// </summary>
public sealed class ShowcaseFixtureTests : IDisposable
{
    private static readonly string[] ExpectedPhotos =
    [
        "photos/2003/06/20030616.jpg",                           // sidecar without extension, in the other part
        "photos/2019/07/IMG_20190714_183012(1).jpg",             // duplicate: IMG_20190714_183012.jpg(1).json
        "photos/2019/07/IMG_20190714_183012-edited.jpg",         // edited copy shares the original's sidecar
        "photos/2019/07/IMG_20190714_183012.jpg",                // classic; also in an album (one item)
        "photos/2020/02/" + SampleTakeout.LongName,              // sidecar cut to 51 characters
        "photos/2021/12/PXL_20211224_190000123.MP",              // motion companion
        "photos/2021/12/PXL_20211224_190000123.jpg",             // supplemental-metadata
        "photos/2022/05/IMG_20220505_050505.jpg",                // supplemental cut
        "photos/2022/08/scan0001.jpg",                           // no sidecar: EXIF
        "photos/2022/09/Screenshot_20220909-101112.png",         // no sidecar, no EXIF: file name
        "photos/2022/10/archived.jpg",
        "photos/2023/07/VID_20230704_210000.mov",
    ];

    private readonly TakeoutLibrary _library = new();

    public void Dispose() => _library.Dispose();

    [Theory]
    [InlineData("zip")]
    [InlineData("zip-deflated")]
    [InlineData("tgz")]
    [InlineData("folder")]
    public async Task EveryQuirkLandsInTheRightPlaceFromEveryKindOfPart(string format)
    {
        var members = SampleTakeout.OlderShowcase();
        var result = _library.Add(_library.Write(format, SampleTakeout.OlderExport, members));

        Assert.Empty(result.PartErrors);
        Assert.Equal(ExpectedPhotos, _library.PhotoPaths());
        Assert.Equal(13, result.Items);

        var beach = _library.Item("IMG_20190714_183012.jpg");
        Assert.Equal(SampleTakeout.BeachTime, beach.CaptureTime);
        Assert.Equal("sidecar", beach.CaptureTimeSource);
        Assert.True(beach.IsFavorite);
        Assert.Equal(43.695, beach.Latitude); // geoDataExif wins over geoData
        Assert.Equal(7.2706, beach.Longitude);
        Assert.Equal("Sunset on the Promenade", beach.Description);
        Assert.Equal("sidecar", _library.Item("IMG_20190714_183012-edited.jpg").CaptureTimeSource);
        Assert.Equal("sidecar", _library.Item("PXL_20211224_190000123.MP").CaptureTimeSource);
        Assert.Equal("sidecar", _library.Item("20030616.jpg").CaptureTimeSource);
        Assert.Equal("exif", _library.Item("scan0001.jpg").CaptureTimeSource);
        Assert.Equal("filename", _library.Item("Screenshot_20220909-101112.png").CaptureTimeSource);
        Assert.True(_library.Item("archived.jpg").IsArchived);
        Assert.Equal(48.8584, _library.Item("PXL_20211224_190000123.jpg").Latitude); // geoData when geoDataExif is 0/0
        var trashed = _library.Item("IMG_20230301_101010.jpg");
        Assert.True(trashed.IsTrashed);

        var albums = _library.Albums();
        Assert.Equal(["Family / Friends", "Summer 2019"], albums.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["IMG_20190714_183012.jpg", "VID_20230704_210000.mov"], albums["Summer 2019"]);
        Assert.Equal(["PXL_20211224_190000123.jpg"], albums["Family / Friends"]);

        // Bytes: every item reads back identical to its member, in place or through the cache.
        using var content = _library.Content();
        var bytesByName = members.GroupBy(m => Path.GetFileName(m.Path)).ToDictionary(g => g.Key, g => g.First().Bytes);
        foreach (var row in _library.Catalog.ReadTreeItems())
        {
            var item = _library.Catalog.GetItem(row.Id)!;
            using var opened = await content.OpenAsync(item, CancellationToken.None);
            Assert.Equal(bytesByName[item.FileName], await TakeoutLibrary.ReadAllAsync(opened));
        }
    }

    [Fact]
    public void LocalizedTopTrashAndAlbumMetadataNames()
    {
        var members = SampleTakeout.OlderShowcase(top: "Google Fotos", albumMetadataName: "Metadaten.json", trashName: "Papierkorb");
        var result = _library.Add(_library.Write("zip", "takeout-de", members));
        Assert.Empty(result.PartErrors);
        Assert.Equal(ExpectedPhotos, _library.PhotoPaths());
        Assert.True(_library.Item("IMG_20230301_101010.jpg").IsTrashed);
        Assert.Equal(["Family / Friends", "Summer 2019"], _library.Albums().Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TrashFolderAloneMarksTrashed()
    {
        var members = new List<TakeoutMember>
        {
            new("Takeout/Google Photos/Bin/IMG_20200101_101010.jpg", SampleTakeout.Photo(1, DateTimeOffset.UnixEpoch)),
        };
        _library.Add(_library.Write("zip", "t", members, parts: 1));
        Assert.True(_library.Item("IMG_20200101_101010.jpg").IsTrashed);
        Assert.Empty(_library.PhotoPaths());
    }

    [Fact]
    public void OtherGoogleProductsAndTopLevelFilesAreIgnored()
    {
        var members = new List<TakeoutMember>
        {
            new("Takeout/Google Drive/Photos from 2019/x.jpg", SampleTakeout.Photo(1, DateTimeOffset.UnixEpoch)),
            new("Takeout/Google Photos/print-subscriptions.json", "{}"u8.ToArray()),
            new("Takeout/archive_browser.html", "<html/>"u8.ToArray()),
            new("Takeout/Google Photos/Photos from 2019/IMG_20190101_000000.jpg", SampleTakeout.Photo(2, new DateTimeOffset(2019, 1, 1, 0, 0, 0, TimeSpan.Zero))),
        };
        var result = _library.Add(_library.Write("zip", "t", members, parts: 1));
        Assert.Equal(1, result.Items);
        Assert.Equal(["photos/2019/01/IMG_20190101_000000.jpg"], _library.PhotoPaths());
    }

    [Fact]
    public void BrokenSidecarWarnsAndFallsBack()
    {
        var members = new List<TakeoutMember>
        {
            new("Takeout/Google Photos/Photos from 2019/IMG_20190102_030405.jpg", SampleTakeout.Photo(1, new DateTimeOffset(2018, 5, 5, 0, 0, 0, TimeSpan.Zero))),
            new("Takeout/Google Photos/Photos from 2019/IMG_20190102_030405.jpg.json", "{\"title\": "u8.ToArray()),
        };
        var result = _library.Add(_library.Write("zip", "t", members, parts: 1));
        Assert.Contains(result.Warnings, w => w.Contains("IMG_20190102_030405.jpg.json", StringComparison.Ordinal) && w.Contains("not valid JSON", StringComparison.Ordinal));
        Assert.Equal("exif", _library.Item("IMG_20190102_030405.jpg").CaptureTimeSource);
        Assert.Equal(["photos/2018/05/IMG_20190102_030405.jpg"], _library.PhotoPaths());
    }

    [Fact]
    public async Task MissingArchiveFailsReadsNamingItAndRecordsHealth()
    {
        var parts = _library.Write("zip", SampleTakeout.OlderExport, SampleTakeout.OlderShowcase());
        _library.Add(parts);
        File.Delete(parts[0]);
        using var content = _library.Content();
        var item = _library.Item("IMG_20190714_183012.jpg");
        var error = await Assert.ThrowsAsync<ContentUnavailableException>(async () => await content.OpenAsync(item, CancellationToken.None));
        Assert.Contains(Path.GetFileName(parts[0]), error.Message, StringComparison.Ordinal);
        var health = _library.Health.Read(_library.Catalog.GetSources().Single().Id);
        Assert.Contains(Path.GetFileName(parts[0]), health.Unavailable, StringComparison.Ordinal);
        Assert.NotNull(_library.Catalog.GetItem(item.Id)); // the item stays
    }
}
