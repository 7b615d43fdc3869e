using GPhotosFs.Takeout.Samples;

namespace GPhotosFs.Takeout.Tests;

/// <summary>Only folders with album metadata are albums (issue 10, point 10).</summary>
public sealed class AlbumFolderTests : IDisposable
{
    private const string Top = "Takeout/Google Photos";
    private readonly TakeoutLibrary _library = new();

    public void Dispose() => _library.Dispose();

    [Theory]
    [InlineData("Archive")]
    [InlineData("Archiv")]
    [InlineData("Archivio")]
    [InlineData("Some folder")]
    public void A_folder_without_album_metadata_holds_items_but_is_not_an_album(string folder)
    {
        var when = new DateTimeOffset(2019, 7, 1, 0, 0, 0, TimeSpan.Zero);
        var archived = SampleTakeout.Photo(91, when);
        var inAlbum = SampleTakeout.Photo(92, when);
        var members = new List<TakeoutMember>
        {
            new($"{Top}/{folder}/archived.jpg", archived),
            new($"{Top}/{folder}/archived.jpg.json", TakeoutJson.Sidecar("archived.jpg", when, archived: true)),
            new($"{Top}/Photos from 2019/trip.jpg", inAlbum),
            new($"{Top}/Photos from 2019/trip.jpg.json", TakeoutJson.Sidecar("trip.jpg", when)),
            new($"{Top}/Trip/trip.jpg", inAlbum),
            new($"{Top}/Trip/metadata.json", TakeoutJson.Album("Trip")),
        };

        _library.Add(_library.Write("zip", "takeout-20250101T000000Z", members, parts: 1));

        Assert.Equal(["photos/2019/07/archived.jpg", "photos/2019/07/trip.jpg"], _library.PhotoPaths());
        var album = Assert.Single(_library.Albums());
        Assert.Equal("Trip", album.Key);
        Assert.Equal(["trip.jpg"], album.Value);
    }

    [Fact]
    public void Two_exports_in_one_add_merge_their_albums()
    {
        var when = new DateTimeOffset(2019, 7, 1, 0, 0, 0, TimeSpan.Zero);
        var albumOnly = SampleTakeout.Photo(93, when);
        var kept = SampleTakeout.Photo(94, when);
        var older = _library.Write("zip", "takeout-20250101T000000Z", [
            new($"{Top}/Trip/gone.jpg", albumOnly),
            new($"{Top}/Trip/kept.jpg", kept),
            new($"{Top}/Trip/metadata.json", TakeoutJson.Album("Trip")),
        ], parts: 1);
        var newer = _library.Write("tgz", "takeout-20250301T000000Z", [
            new($"{Top}/Trip/kept.jpg", kept),
            new($"{Top}/Trip/metadata.json", TakeoutJson.Album("Trip")),
        ], parts: 1);

        _library.Add([.. older, .. newer]);

        Assert.Equal(["kept.jpg", "gone.jpg"], _library.Albums()["Trip"]);
    }
}
