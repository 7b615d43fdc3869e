namespace GPhotosFs.Catalog.Tests;

public sealed class SourceAndSyncStateTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly ManualTimeProvider _time = new();
    private readonly LibraryCatalog _catalog;

    public SourceAndSyncStateTests() =>
        _catalog = LibraryCatalog.Open(_folder.File("catalog.db"), CatalogAccess.ReadWrite, _time);

    public void Dispose()
    {
        _catalog.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public void EnsureSource_CreatesOnce_AndUpdatesConfigOnlyWhenGiven()
    {
        SourceRecord created = _catalog.EnsureSource("google-photos-api", "family", "{\"account\":\"a\"}");
        SourceRecord again = _catalog.EnsureSource("google-photos-api", "family", null);
        SourceRecord reconfigured = _catalog.EnsureSource("google-photos-api", "family", "{\"account\":\"b\"}");

        Assert.Equal(created.Id, again.Id);
        Assert.Equal("{\"account\":\"a\"}", again.Config);
        Assert.Equal(created.Id, reconfigured.Id);
        SourceRecord stored = Assert.Single(_catalog.GetSources());
        Assert.Equal("{\"account\":\"b\"}", stored.Config);
        Assert.Equal(_time.GetUtcNow(), stored.CreatedAt);
    }

    [Fact]
    public void EnsureSource_WithAnotherKindUnderTheSameName_IsRefused()
    {
        _catalog.EnsureSource("takeout", "main", null);

        InvalidOperationException error = Assert.Throws<InvalidOperationException>(
            () => _catalog.EnsureSource("local-folder", "main", null));

        Assert.Contains("already exists", error.Message);
        Assert.Equal("takeout", Assert.Single(_catalog.GetSources()).Kind);
    }

    [Fact]
    public void SyncState_RoundTrips_AndIsReplaced()
    {
        SourceRecord source = _catalog.EnsureSource("takeout", "main", null);
        Assert.Null(_catalog.GetSyncState(source.Id));

        var first = new SyncState
        {
            SourceId = source.Id,
            LastStarted = _time.GetUtcNow(),
            LastFinished = _time.GetUtcNow().AddMinutes(5),
            LastSuccess = _time.GetUtcNow().AddMinutes(5),
            LastResult = SyncState.ResultOk,
            Cursor = "page-7",
            ItemsSeen = 1234,
        };
        _catalog.SaveSyncState(first);
        Assert.Equal(first, _catalog.GetSyncState(source.Id));

        SyncState failed = first with { LastResult = SyncState.ResultFailed, LastError = "HTTP 503", Cursor = null };
        _catalog.SaveSyncState(failed);
        Assert.Equal(failed, _catalog.GetSyncState(source.Id));
    }

    [Fact]
    public void SaveSyncState_ForUnknownSource_IsAnArgumentError()
    {
        Assert.Throws<ArgumentException>(() => _catalog.SaveSyncState(new SyncState { SourceId = 99 }));
    }

    [Fact]
    public void SaveSyncState_DoesNotBumpTheDataVersion()
    {
        SourceRecord source = _catalog.EnsureSource("takeout", "main", null);
        long before = _catalog.GetDataVersion();

        _catalog.SaveSyncState(new SyncState { SourceId = source.Id, LastStarted = _time.GetUtcNow() });

        Assert.Equal(before, _catalog.GetDataVersion());
    }
}
