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

    /// <summary>
    /// A re-export whose album metadata sat in a damaged part (differential seeds 258 and 447): the
    /// album folder is still the album an earlier export's metadata made, so the members the
    /// re-export brings join it, whether the exports are added one by one or together, and the
    /// album keeps its title. Before, the folder was no album in that export and its new members
    /// were missing from the album.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_re_export_whose_album_metadata_is_in_a_truncated_part_still_adds_to_the_album(bool oneAdd)
    {
        var when = new DateTimeOffset(2019, 7, 1, 0, 0, 0, TimeSpan.Zero);
        var kept = SampleTakeout.Photo(95, when);
        var added = SampleTakeout.Photo(96, when); // new in the re-export, no sidecar
        var older = _library.Write("zip", "takeout-20250101T000000Z", [
            new($"{Top}/Photos from 2019/kept.jpg", kept),
            new($"{Top}/Photos from 2019/kept.jpg.json", TakeoutJson.Sidecar("kept.jpg", when)),
            new($"{Top}/Trip_ Lyon/kept.jpg", kept),
            new($"{Top}/Trip_ Lyon/metadata.json", TakeoutJson.Album("Trip: Lyon", "the old description")),
        ], parts: 1);

        // The re-export's first part holds the album metadata and is cut short: its directory is gone.
        var damaged = _library.Write("zip", "takeout-20250301T000000Z", [
            new($"{Top}/Trip_ Lyon/metadata.json", TakeoutJson.Album("Trip: Lyon", "the old description")),
            new($"{Top}/Photos from 2019/filler.jpg", SampleTakeout.Photo(97, when)),
        ], parts: 1).Single();
        using (var file = new FileStream(damaged, FileMode.Open))
        {
            file.SetLength(file.Length / 2);
        }

        var intact = _library.Write("zip", "takeout-20250301T000000Z-2", [
            new($"{Top}/Photos from 2019/kept.jpg", kept),
            new($"{Top}/Photos from 2019/kept.jpg.json", TakeoutJson.Sidecar("kept.jpg", when)),
            new($"{Top}/Photos from 2019/added.jpg", added),
            new($"{Top}/Trip_ Lyon/added.jpg", added),
            new($"{Top}/Trip_ Lyon/kept.jpg", kept),
        ], parts: 1);

        if (oneAdd)
        {
            Assert.NotEmpty(_library.Add([.. older, damaged, .. intact]).PartErrors);
        }
        else
        {
            Assert.Empty(_library.Add(older).PartErrors);
            var preview = _library.Indexer.Add([damaged, .. intact], dryRun: true);
            var previewed = Assert.Single(preview.PreviewAlbums!);
            Assert.Equal(("Trip: Lyon", 2), (previewed.Title, previewed.ItemIdentities.Count));
            Assert.NotEmpty(_library.Add([damaged, .. intact]).PartErrors);
        }

        var album = Assert.Single(_library.Albums());
        Assert.Equal("Trip: Lyon", album.Key);
        Assert.Equal(["added.jpg", "kept.jpg"], album.Value.Order(StringComparer.Ordinal));
        Assert.Equal("the old description", _library.Catalog.GetAlbum(_library.Catalog.ReadTreeAlbums().Single().Id)!.Description);
        Assert.Equal(["photos/2019/07/added.jpg", "photos/2019/07/kept.jpg"], _library.PhotoPaths());
    }

    /// <summary>
    /// The other way round: the older export's album metadata sat in a damaged part, the newer
    /// export's album folder has its metadata. The items the damaged export held in that folder
    /// (one of them gone from the newer export) join the album when the newer export says it is
    /// one, added later or in the same add; a folder no metadata ever confirms ("Archive") stays no album.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_album_folder_of_a_damaged_older_export_joins_the_album_a_newer_export_names(bool oneAdd)
    {
        var when = new DateTimeOffset(2019, 7, 1, 0, 0, 0, TimeSpan.Zero);
        var kept = SampleTakeout.Photo(98, when);
        var gone = SampleTakeout.Photo(99, when); // removed from the library before the newer export
        var archived = SampleTakeout.Photo(100, when);
        var damaged = _library.Write("zip", "takeout-20250101T000000Z", [
            new($"{Top}/Trip/metadata.json", TakeoutJson.Album("Trip")),
            new($"{Top}/Photos from 2019/filler.jpg", SampleTakeout.Photo(101, when)),
        ], parts: 1).Single();
        using (var file = new FileStream(damaged, FileMode.Open))
        {
            file.SetLength(file.Length / 2);
        }

        var intact = _library.Write("zip", "takeout-20250101T000000Z-2", [
            new($"{Top}/Photos from 2019/kept.jpg", kept),
            new($"{Top}/Photos from 2019/gone.jpg", gone),
            new($"{Top}/Trip/kept.jpg", kept),
            new($"{Top}/Trip/gone.jpg", gone),
            new($"{Top}/Archive/archived.jpg", archived),
        ], parts: 1);
        var newer = _library.Write("zip", "takeout-20250301T000000Z", [
            new($"{Top}/Photos from 2019/kept.jpg", kept),
            new($"{Top}/Trip/kept.jpg", kept),
            new($"{Top}/Trip/metadata.json", TakeoutJson.Album("Trip")),
        ], parts: 1);

        if (oneAdd)
        {
            Assert.NotEmpty(_library.Add([damaged, .. intact, .. newer]).PartErrors);
        }
        else
        {
            Assert.NotEmpty(_library.Add([damaged, .. intact]).PartErrors);
            Assert.Empty(_library.Albums());
            Assert.Empty(_library.Add(newer).PartErrors);
        }

        var album = Assert.Single(_library.Albums());
        Assert.Equal("Trip", album.Key);
        Assert.Equal(["kept.jpg", "gone.jpg"], album.Value);
        Assert.Equal(["photos/2019/07/archived.jpg", "photos/2019/07/gone.jpg", "photos/2019/07/kept.jpg"], _library.PhotoPaths());
    }
}
