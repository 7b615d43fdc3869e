namespace GPhotosFs.Catalog.Tests;

public sealed class MarkMissingTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly ManualTimeProvider _time = new();
    private readonly LibraryCatalog _catalog;
    private readonly SourceRecord _source;

    public MarkMissingTests() => _catalog = Catalogs.Create(_folder, out _source, _time);

    public void Dispose()
    {
        _catalog.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public void MarkMissing_SetsAndClearsMissingSince_ForThatSourceOnly()
    {
        SourceRecord other = _catalog.EnsureSource("takeout", "other", null);
        IReadOnlyList<long> ids = _catalog.UpsertItems(
            [Catalogs.Item(_source.Id, "a"), Catalogs.Item(_source.Id, "b"), Catalogs.Item(_source.Id, "c")]);
        long foreign = _catalog.Add(Catalogs.Item(other.Id, "z"));
        _catalog.AssignPaths();
        DateTimeOffset firstSeenMissing = _time.GetUtcNow();

        Assert.Equal(new MissingItemsChange(2, 0), _catalog.MarkMissing(_source.Id, ["a"]));
        Assert.Null(_catalog.Get(ids[0]).MissingSince);
        Assert.Equal(firstSeenMissing, _catalog.Get(ids[1]).MissingSince);
        Assert.Equal(firstSeenMissing, _catalog.Get(ids[2]).MissingSince);
        Assert.Null(_catalog.Get(foreign).MissingSince);

        // Still missing later: the original time is kept. "b" is back.
        _time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(new MissingItemsChange(0, 1), _catalog.MarkMissing(_source.Id, new HashSet<string> { "a", "b" }));
        Assert.Null(_catalog.Get(ids[1]).MissingSince);
        Assert.Equal(firstSeenMissing, _catalog.Get(ids[2]).MissingSince);

        // Missing items keep their names and stay in the tree, flagged.
        TreeItemRow row = _catalog.ReadTreeItems().Single(r => r.Id == ids[2]);
        Assert.Equal(firstSeenMissing, row.MissingSince);
    }

    [Fact]
    public void BeingListedAgain_ClearsMissingSince()
    {
        long id = _catalog.Add(Catalogs.Item(_source.Id, "a"));
        _catalog.MarkMissing(_source.Id, []);
        Assert.NotNull(_catalog.Get(id).MissingSince);

        _catalog.Add(Catalogs.Item(_source.Id, "a"));

        Assert.Null(_catalog.Get(id).MissingSince);
    }
}
