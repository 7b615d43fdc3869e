namespace GPhotosFs.Catalog.Tests;

public sealed class AlbumTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly LibraryCatalog _catalog;
    private readonly SourceRecord _source;

    public AlbumTests() => _catalog = Catalogs.Create(_folder, out _source);

    public void Dispose()
    {
        _catalog.Dispose();
        _folder.Dispose();
    }

    private long Album(string sourceAlbumId, string title) =>
        _catalog.UpsertAlbum(new AlbumRecord { SourceId = _source.Id, SourceAlbumId = sourceAlbumId, Title = title });

    private long Item(string sourceItemId, string fileName, DateTimeOffset? captureTime = null) =>
        _catalog.Add(Catalogs.Item(_source.Id, sourceItemId, fileName, captureTime ?? Catalogs.May2019));

    private Dictionary<long, string> FolderNames() => _catalog.ReadTreeAlbums().ToDictionary(row => row.Id, row => row.DirName);

    private List<TreeAlbumEntryRow> Entries(long albumId) =>
        _catalog.ReadTreeAlbumEntries().Where(entry => entry.AlbumId == albumId).ToList();

    [Fact]
    public void FolderNames_AreSanitizedUniqueAndCaseInsensitive()
    {
        long trip = Album("1", "Trip");
        long tripLower = Album("2", "trip");
        long blank = Album("3", "   ");
        long slash = Album("4", "Paris/London");
        long dotted = Album("5", "Trip to St. Ives");
        long dottedAgain = Album("6", "TRIP TO ST. IVES");
        long untitled = Album("7", "");

        _catalog.AssignPaths();
        Dictionary<long, string> names = FolderNames();

        Assert.Equal("Trip", names[trip]);
        Assert.Equal("trip (2)", names[tripLower]);
        Assert.Equal("Untitled", names[blank]);
        Assert.Equal("Paris_London", names[slash]);
        Assert.Equal("Trip to St. Ives", names[dotted]);
        Assert.Equal("TRIP TO ST. IVES (2)", names[dottedAgain]);
        Assert.Equal("Untitled (2)", names[untitled]);
    }

    [Fact]
    public void UpsertAlbum_UpdatesTitle_ButKeepsTheFolderName()
    {
        long id = Album("1", "Holidays");
        _catalog.AssignPaths();

        Assert.Equal(id, Album("1", "Summer holidays"));
        _catalog.AssignPaths();

        AlbumRecord album = _catalog.GetAlbum(id)!;
        Assert.Equal("Summer holidays", album.Title);
        Assert.Equal("Holidays", album.DirName);
        Assert.Equal("Summer holidays", Assert.Single(_catalog.ReadTreeAlbums()).Title);
    }

    [Fact]
    public void EntryNames_AreTheItemNames_MadeUniqueWithinTheAlbum()
    {
        long may = Item("1", "IMG.jpg", Catalogs.May2019);
        long june = Item("2", "IMG.jpg", Catalogs.May2019.AddMonths(1));
        long other = Item("3", "other.jpg");
        long album = Album("a", "Best of");
        long secondAlbum = Album("b", "Only June");
        _catalog.SetAlbumItems(album, [june, may, other]);
        _catalog.SetAlbumItems(secondAlbum, [june]);

        _catalog.AssignPaths();

        // Both items are "IMG.jpg" in their own month folders; in the album the first listed wins.
        Assert.Equal(
            [(june, 0, "IMG.jpg"), (may, 1, "IMG (2).jpg"), (other, 2, "other.jpg")],
            Entries(album).Select(entry => (entry.ItemId, entry.Position, entry.Name)));
        Assert.Equal("IMG.jpg", Assert.Single(Entries(secondAlbum)).Name);
    }

    [Fact]
    public void SetAlbumItems_KeepsNamesOfRemainingEntries_AndStoresTheNewOrder()
    {
        long a = Item("1", "x.jpg", Catalogs.May2019);
        long b = Item("2", "x.jpg", Catalogs.May2019.AddMonths(1));
        long c = Item("3", "x.jpg", Catalogs.May2019.AddMonths(2));
        long d = Item("4", "x.jpg", Catalogs.May2019.AddMonths(3));
        long album = Album("a", "Album");
        _catalog.SetAlbumItems(album, [a, b, c]);
        _catalog.AssignPaths();
        Dictionary<long, string> before = Entries(album).ToDictionary(entry => entry.ItemId, entry => entry.Name);

        _catalog.SetAlbumItems(album, [c, d, a, c]);
        Assert.Equal([c, a], Entries(album).Select(entry => entry.ItemId)); // d is unnamed until AssignPaths
        _catalog.AssignPaths();

        List<TreeAlbumEntryRow> after = Entries(album);
        Assert.Equal([c, d, a], after.Select(entry => entry.ItemId));
        Assert.Equal([0, 1, 2], after.Select(entry => entry.Position));
        Assert.Equal(before[a], after.Single(entry => entry.ItemId == a).Name);
        Assert.Equal(before[c], after.Single(entry => entry.ItemId == c).Name);
        Assert.Equal("x (2).jpg", after.Single(entry => entry.ItemId == d).Name); // freed by b's removal
        Assert.Equal(new[] { "x.jpg", "x (3).jpg" }, new[] { before[a], before[c] });
    }

    [Fact]
    public void SetAlbumItems_WithUnknownItem_ChangesNothing()
    {
        long a = Item("1", "a.jpg");
        long album = Album("a", "Album");
        _catalog.SetAlbumItems(album, [a]);
        _catalog.AssignPaths();

        Assert.Throws<ArgumentException>(() => _catalog.SetAlbumItems(album, [a + 1000]));

        Assert.Equal(a, Assert.Single(Entries(album)).ItemId);
    }

    [Fact]
    public void SetAlbumItems_OnUnknownAlbum_Throws()
    {
        Assert.Throws<KeyNotFoundException>(() => _catalog.SetAlbumItems(12345, []));
    }

    [Fact]
    public void UpsertAlbum_WithUnknownSource_IsAnArgumentError()
    {
        Assert.Throws<ArgumentException>(
            () => _catalog.UpsertAlbum(new AlbumRecord { SourceId = _source.Id + 5, SourceAlbumId = "x", Title = "t" }));
    }
}
