namespace GPhotosFs.Catalog.Tests;

public sealed class DataVersionTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly LibraryCatalog _catalog;
    private readonly SourceRecord _source;

    public DataVersionTests() => _catalog = Catalogs.Create(_folder, out _source);

    public void Dispose()
    {
        _catalog.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public void EveryChangingWrite_BumpsTheVersionOnce_NoOpsDoNot()
    {
        long version = _catalog.GetDataVersion();
        Assert.True(version >= 1, "creating the source was a change");

        void AssertBumpedBy(int expected, Action write)
        {
            write();
            long now = _catalog.GetDataVersion();
            Assert.Equal(version + expected, now);
            version = now;
        }

        long id = 0;
        long album = 0;
        AssertBumpedBy(1, () => id = _catalog.UpsertItems([Catalogs.Item(_source.Id, "a"), Catalogs.Item(_source.Id, "b")])[0]);
        AssertBumpedBy(0, () => _catalog.UpsertItems([Catalogs.Item(_source.Id, "a")]));
        AssertBumpedBy(1, () => _catalog.AssignPaths());
        AssertBumpedBy(0, () => _catalog.AssignPaths());
        AssertBumpedBy(1, () => _catalog.UpdateItemFacts(id, new ItemFacts { Size = 5 }));
        AssertBumpedBy(0, () => _catalog.UpdateItemFacts(id, new ItemFacts { Size = 5 }));
        AssertBumpedBy(1, () => album = _catalog.UpsertAlbum(new AlbumRecord { SourceId = _source.Id, SourceAlbumId = "x", Title = "X" }));
        AssertBumpedBy(0, () => _catalog.UpsertAlbum(new AlbumRecord { SourceId = _source.Id, SourceAlbumId = "x", Title = "X" }));
        AssertBumpedBy(1, () => _catalog.SetAlbumItems(album, [id]));
        AssertBumpedBy(0, () => _catalog.SetAlbumItems(album, [id]));
        AssertBumpedBy(1, () => _catalog.MarkMissing(_source.Id, ["a"]));
        AssertBumpedBy(0, () => _catalog.MarkMissing(_source.Id, ["a"]));
        AssertBumpedBy(0, () => _catalog.EnsureSource("takeout", "main", null));
    }

    [Fact]
    public void Version_SurvivesReopening_AndIsVisibleToOtherInstances()
    {
        using LibraryCatalog reader = LibraryCatalog.Open(_catalog.Path, CatalogAccess.ReadOnly);
        long before = reader.GetDataVersion();

        _catalog.UpsertItems([Catalogs.Item(_source.Id, "a")]);

        Assert.Equal(before + 1, reader.GetDataVersion());
    }
}
