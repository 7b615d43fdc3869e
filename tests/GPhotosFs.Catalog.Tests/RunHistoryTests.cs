using GPhotosFs.Catalog.History;

namespace GPhotosFs.Catalog.Tests;

public sealed class RunHistoryTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void CatalogWithoutHistory_IsUpgraded_KeepingItsItems()
    {
        string path = _folder.File("catalog.db");
        long id;
        var beforeHistory = new CatalogMigrations([CatalogMigrations.Current.Steps[0]]);
        using (LibraryCatalog older = LibraryCatalog.Open(path, CatalogAccess.ReadWrite, TimeProvider.System, beforeHistory))
        {
            var source = older.EnsureSource("local", "photos", null);
            id = older.Add(Catalogs.Item(source.Id, "a", "kept.jpg"));
        }

        using LibraryCatalog upgraded = LibraryCatalog.Open(path, CatalogAccess.ReadWrite);
        Assert.Equal("kept.jpg", upgraded.Get(id).FileName);
        Assert.Empty(upgraded.GetRuns(DateTimeOffset.UnixEpoch));
        long run = upgraded.StartRun(RunKinds.Sync, "photos", 42);
        Assert.Equal(RunResults.Running, Assert.Single(upgraded.GetRuns(DateTimeOffset.UnixEpoch)).Result);
        Assert.True(File.Exists(path + ".bak-v1"));
        Assert.True(run > 0);
    }

    [Fact]
    public void Runs_RecordStartEndAndOutcome_WithoutChangingTheDataVersion()
    {
        var clock = new ManualTimeProvider();
        using LibraryCatalog catalog = Catalogs.Create(_folder, out _, clock);
        long version = catalog.GetDataVersion();

        long run = catalog.StartRun(RunKinds.Prefetch, null, 1234);
        clock.Advance(TimeSpan.FromSeconds(90));
        catalog.FinishRun(run, new RunOutcome(false, ItemsAdded: 3, BytesAdded: 4096, Errors: 1, Error: "photos/2019/05/IMG_0001.jpg: HTTP 503"));

        RunRecord recorded = Assert.Single(catalog.GetRuns(DateTimeOffset.UnixEpoch));
        Assert.Equal(RunKinds.Prefetch, recorded.Kind);
        Assert.Equal(RunResults.Failed, recorded.Result);
        Assert.Equal(TimeSpan.FromSeconds(90), recorded.Duration);
        Assert.Equal((3L, 4096L, 1L), (recorded.ItemsAdded, recorded.BytesAdded, recorded.Errors));
        Assert.Equal("photos/2019/05/IMG_0001.jpg: HTTP 503", recorded.Error);
        Assert.Equal(1234, recorded.Pid);
        Assert.Equal(version, catalog.GetDataVersion());
    }

    [Fact]
    public void History_IsKeptAYear_ThenDropped()
    {
        var clock = new ManualTimeProvider();
        using LibraryCatalog catalog = Catalogs.Create(_folder, out _, clock);
        catalog.FinishRun(catalog.StartRun(RunKinds.Sync, "takeout"), new RunOutcome(true, ItemsAdded: 10));
        catalog.RecordSample(new LibrarySample(clock.GetUtcNow(), 10, 1000, 1, 100));
        catalog.RecordQuotaDays([new QuotaDay(clock.GetUtcNow().ToString("yyyy-MM-dd"), "google", "media", 5, 75000)]);

        clock.Advance(TimeSpan.FromDays(300));
        catalog.FinishRun(catalog.StartRun(RunKinds.Sync, "takeout"), new RunOutcome(true));
        Assert.Equal(2, catalog.GetRuns(DateTimeOffset.UnixEpoch).Count);

        clock.Advance(TimeSpan.FromDays(70));
        catalog.StartRun(RunKinds.Mount, null);
        catalog.RecordSample(new LibrarySample(clock.GetUtcNow(), 10, 1000, 2, 200));

        Assert.Equal([RunKinds.Sync, RunKinds.Mount], catalog.GetRuns(DateTimeOffset.UnixEpoch).Select(r => r.Kind));
        Assert.Equal(200, Assert.Single(catalog.GetSamples(DateTimeOffset.UnixEpoch)).CacheBytes);
        Assert.Empty(catalog.GetQuotaDays("0000-00-00"));
    }

    [Fact]
    public void QuotaDay_KeepsTheHighestCountOfTheDay()
    {
        using LibraryCatalog catalog = Catalogs.Create(_folder, out _);
        catalog.RecordQuotaDays([new QuotaDay("2024-03-01", "google", "api", 120, 10000)]);
        catalog.RecordQuotaDays([new QuotaDay("2024-03-01", "google", "api", 80, 10000), new QuotaDay("2024-03-02", "google", "api", 7, 10000)]);

        Assert.Equal([("2024-03-01", 120L), ("2024-03-02", 7L)], catalog.GetQuotaDays("2024-01-01").Select(d => (d.Day, d.Used)));
    }

    [Fact]
    public void ItemsPerYear_CountsWhatTheMountShows()
    {
        using LibraryCatalog catalog = Catalogs.Create(_folder, out SourceRecord source);
        catalog.Add(Catalogs.Item(source.Id, "a", "a.jpg", new DateTimeOffset(2019, 5, 1, 0, 0, 0, TimeSpan.Zero)));
        catalog.Add(Catalogs.Item(source.Id, "b", "b.jpg", new DateTimeOffset(2019, 12, 31, 23, 0, 0, TimeSpan.Zero)));
        catalog.Add(Catalogs.Item(source.Id, "c", "c.jpg", new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        catalog.Add(Catalogs.Item(source.Id, "d", "d.jpg") with { CaptureTime = null });
        catalog.AssignPaths();

        Assert.Equal(new Dictionary<int, long> { [0] = 1, [2019] = 2, [2021] = 1 }, catalog.CountItemsPerYear());
        Assert.Equal(4, catalog.MeasureLibrary().Items);
    }
}
