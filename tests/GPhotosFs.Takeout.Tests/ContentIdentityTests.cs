using GPhotosFs.SampleMedia;
using GPhotosFs.Takeout.Samples;

namespace GPhotosFs.Takeout.Tests;

/// <summary>
/// Identity follows content (issue 10, points 1 and 3): two different byte sequences are never one
/// item, in any format, and the same bytes under a swapped "(n)" counter are never two.
/// </summary>
public sealed class ContentIdentityTests : IDisposable
{
    private const string Top = "Takeout/Google Photos";
    private readonly TakeoutLibrary _library = new();

    public void Dispose() => _library.Dispose();

    /// <summary>Two photos of exactly the same size and name (two cameras, two years) whose bytes differ.</summary>
    private static (byte[] A, byte[] B) Twins()
    {
        var a = SampleTakeout.Photo(21, new DateTimeOffset(2019, 5, 1, 0, 0, 0, TimeSpan.Zero));
        var b = (byte[])a.Clone();
        b[^100] ^= 0x5a; // same size, other bytes (inside the entropy-coded data)
        return (a, b);
    }

    [Theory]
    [InlineData("folder")]
    [InlineData("zip")]
    [InlineData("tgz")]
    public async Task Different_photos_with_the_same_name_and_size_stay_two_items_with_their_own_bytes(string format)
    {
        var (a, b) = Twins();
        var taken2019 = new DateTimeOffset(2019, 7, 1, 12, 0, 0, TimeSpan.Zero);
        var taken2020 = new DateTimeOffset(2020, 8, 1, 12, 0, 0, TimeSpan.Zero);
        List<TakeoutMember> Export(bool swapped) =>
        [
            new($"{Top}/Photos from 2019/IMG_0001.jpg", swapped ? b : a),
            new($"{Top}/Photos from 2019/IMG_0001.jpg.json", TakeoutJson.Sidecar("IMG_0001.jpg", swapped ? taken2020 : taken2019)),
            new($"{Top}/Photos from 2020/IMG_0001.jpg", swapped ? a : b),
            new($"{Top}/Photos from 2020/IMG_0001.jpg.json", TakeoutJson.Sidecar("IMG_0001.jpg", swapped ? taken2019 : taken2020)),
        ];

        _library.Add(_library.Write(format, "takeout-20250101T000000Z", Export(swapped: false), parts: 1));
        // A re-export that lists the same two photos in the other year folders.
        var again = _library.Add(_library.Write(format, "takeout-20250301T000000Z", Export(swapped: true), parts: 1));

        Assert.Equal(["photos/2019/07/IMG_0001.jpg", "photos/2020/08/IMG_0001.jpg"], _library.PhotoPaths());
        Assert.Equal(0, again.NewlyMissing);
        using var content = _library.Content();
        foreach (var row in _library.Catalog.ReadTreeItems())
        {
            using var opened = await content.OpenAsync(_library.Catalog.GetItem(row.Id)!, CancellationToken.None);
            Assert.Equal(row.DirPath == "photos/2019/07" ? a : b, await TakeoutLibrary.ReadAllAsync(opened));
        }
    }

    [Theory]
    [InlineData("zip")]
    [InlineData("tgz")]
    [InlineData("folder")]
    public void A_re_export_that_swaps_duplicate_counters_shows_each_photo_once(string format)
    {
        var first = SampleTakeout.Photo(31, new DateTimeOffset(2019, 7, 1, 12, 0, 0, TimeSpan.Zero));
        var second = SampleTakeout.Photo(32, new DateTimeOffset(2019, 7, 1, 12, 0, 1, TimeSpan.Zero));
        var when = new DateTimeOffset(2019, 7, 1, 12, 0, 0, TimeSpan.Zero);
        List<TakeoutMember> Export(byte[] plain, byte[] counted) =>
        [
            new($"{Top}/Photos from 2019/IMG.jpg", plain),
            new($"{Top}/Photos from 2019/IMG.jpg.json", TakeoutJson.Sidecar("IMG.jpg", when)),
            new($"{Top}/Photos from 2019/IMG(1).jpg", counted),
            new($"{Top}/Photos from 2019/IMG.jpg(1).json", TakeoutJson.Sidecar("IMG.jpg", when)),
        ];

        _library.Add(_library.Write(format, "takeout-20250101T000000Z", Export(first, second), parts: 1));
        var again = _library.Add(_library.Write(format, "takeout-20250301T000000Z", Export(second, first), parts: 1));

        Assert.Equal(2, _library.PhotoPaths().Count);
        Assert.Equal(0, again.NewlyMissing);
    }

    [Theory]
    [InlineData("zip")]
    [InlineData("tgz")]
    [InlineData("folder")]
    public void A_re_export_that_renames_a_photo_keeps_one_item(string format)
    {
        // The account's language changed between exports: the edited copy's suffix with it.
        var edited = SampleTakeout.Photo(33, new DateTimeOffset(1998, 8, 1, 12, 0, 0, TimeSpan.Zero));
        _library.Add(_library.Write(format, "takeout-20250101T000000Z", [new($"{Top}/Photos from 1998/garden-modificato.jpg", edited)], parts: 1));
        _library.Add(_library.Write(format, "takeout-20250301T000000Z", [new($"{Top}/Photos from 1998/garden-edited.jpg", edited)], parts: 1));

        Assert.Single(_library.PhotoPaths());
    }

    [Fact]
    public void A_catalog_from_before_content_identity_is_re_keyed_once_and_merges_with_a_new_export()
    {
        var photos = SampleTakeout.OlderShowcase();
        _library.Add(_library.Write("zip", "takeout-20250101T000000Z", photos));
        var count = _library.PhotoPaths().Count;
        // As the previous scheme wrote them: "c:CRC:SIZE:NAME", and no identity version in the config.
        var source = _library.Catalog.GetSources().Single();
        _library.Catalog.RekeySourceItems(source.Id, id => id + ":" + _library.Catalog.ReadSourceItemKeys(source.Id).Single(k => k.SourceItemId == id).FileName);
        _library.Catalog.EnsureSource(source.Kind, source.Name, source.Config!.Replace("\"identities\":2", "\"identities\":0", StringComparison.Ordinal));
        Assert.Contains(_library.Catalog.ReadSourceItemKeys(source.Id), k => k.SourceItemId.Split(':').Length == 4);

        var again = _library.Add(_library.Write("zip", "takeout-20250301T000000Z", photos));

        Assert.Equal(0, again.NewlyMissing);
        Assert.Equal(count, _library.PhotoPaths().Count);
        Assert.All(_library.Catalog.ReadSourceItemKeys(source.Id), k => Assert.Equal(3, k.SourceItemId.Split(':').Length));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_folder_export_and_a_zip_export_of_the_same_photo_added_together_are_one_item(bool folderFirst)
    {
        var photo = SampleTakeout.Photo(34, new DateTimeOffset(2010, 8, 1, 12, 0, 0, TimeSpan.Zero));
        List<TakeoutMember> members = [new($"{Top}/Photos from 2010/IMG_2010.JPG", photo)];
        var folder = _library.Write("folder", folderFirst ? "takeout-20250101T000000Z" : "takeout-20250301T000000Z", members);
        var zip = _library.Write("zip", folderFirst ? "takeout-20250301T000000Z" : "takeout-20250101T000000Z", members, parts: 1);

        _library.Add([.. folder, .. zip]);

        Assert.Equal(["photos/2010/08/IMG_2010.JPG"], _library.PhotoPaths());
    }

    [Fact]
    public void Folder_files_are_hashed_only_where_size_and_name_collide()
    {
        var (a, b) = Twins();
        var members = new List<TakeoutMember>
        {
            new($"{Top}/Photos from 2019/IMG_0001.jpg", a),
            new($"{Top}/Photos from 2020/IMG_0001.jpg", b),
            new($"{Top}/Photos from 2020/unique.jpg", SampleTakeout.Photo(40, DateTimeOffset.UnixEpoch.AddYears(40))),
        };

        var result = _library.Add(_library.Write("folder", "takeout-20250101T000000Z", members));

        Assert.Equal(2, result.HashedFiles);
        Assert.Equal(a.Length + b.Length, result.HashedBytes);
        Assert.Equal(3, result.Items);
    }
}
