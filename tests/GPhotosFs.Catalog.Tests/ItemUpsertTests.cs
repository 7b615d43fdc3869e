namespace GPhotosFs.Catalog.Tests;

public sealed class ItemUpsertTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly ManualTimeProvider _time = new();
    private readonly LibraryCatalog _catalog;
    private readonly SourceRecord _source;

    public ItemUpsertTests() => _catalog = Catalogs.Create(_folder, out _source, _time);

    public void Dispose()
    {
        _catalog.Dispose();
        _folder.Dispose();
    }

    private ItemRecord FullItem() => new()
    {
        SourceId = _source.Id,
        SourceItemId = "AF1QipN",
        Locator = "Takeout/Google Photos/2019/IMG_1.jpg",
        FileName = "IMG_1.jpg",
        MimeType = "image/jpeg",
        CaptureTime = new DateTimeOffset(2019, 5, 10, 14, 30, 15, 123, TimeSpan.FromHours(2)),
        CaptureTimeSource = "sidecar",
        Size = 2_345_678,
        Width = 4032,
        Height = 3024,
        CameraMake = "Google",
        CameraModel = "Pixel 3",
        Latitude = 48.8584,
        Longitude = 2.2945,
        Altitude = 35.5,
        Description = "Eiffel tower",
        IsFavorite = true,
        IsArchived = false,
        IsTrashed = true,
        ContentHash = "sha256:abc",
    };

    [Fact]
    public void Insert_StoresEveryField()
    {
        ItemRecord input = FullItem();

        long id = _catalog.Add(input);
        ItemRecord stored = _catalog.Get(id);

        Assert.True(id > 0);
        Assert.Equal(input with { Id = id, AddedAt = _time.GetUtcNow(), UpdatedAt = _time.GetUtcNow() }, stored);
        Assert.Equal(TimeSpan.Zero, stored.CaptureTime!.Value.Offset);
        Assert.Null(stored.DirPath);
        Assert.Null(stored.Name);
    }

    [Fact]
    public void Upsert_ReturnsIdsInInputOrder_AndTheSameIdForTheSameKey()
    {
        IReadOnlyList<long> first = _catalog.UpsertItems(
            [Catalogs.Item(_source.Id, "a"), Catalogs.Item(_source.Id, "b"), Catalogs.Item(_source.Id, "a", "renamed.jpg")]);
        IReadOnlyList<long> second = _catalog.UpsertItems([Catalogs.Item(_source.Id, "b"), Catalogs.Item(_source.Id, "a")]);

        Assert.Equal(first[0], first[2]);
        Assert.NotEqual(first[0], first[1]);
        Assert.Equal([first[1], first[0]], second);
        Assert.Equal(first[1], _catalog.FindItemId(_source.Id, "b"));
        Assert.Null(_catalog.FindItemId(_source.Id, "zzz"));
    }

    [Fact]
    public void Update_OverwritesSourceOwnedFields_KeepsFactsTheListingDoesNotKnow()
    {
        long id = _catalog.Add(FullItem());
        DateTimeOffset added = _time.GetUtcNow();
        _time.Advance(TimeSpan.FromHours(1));

        var relisted = new ItemRecord
        {
            SourceId = _source.Id,
            SourceItemId = "AF1QipN",
            FileName = "IMG_1 edited.jpg",
            Description = null,
            IsFavorite = false,
        };
        Assert.Equal(id, _catalog.Add(relisted));
        ItemRecord stored = _catalog.Get(id);

        // Source-owned: the new listing wins, even when it says "nothing".
        Assert.Equal("IMG_1 edited.jpg", stored.FileName);
        Assert.Null(stored.Locator);
        Assert.Null(stored.Description);
        Assert.False(stored.IsFavorite);
        Assert.False(stored.IsTrashed);

        // Facts: unknown in the listing, so the stored values stay.
        ItemRecord original = FullItem();
        Assert.Equal(original.Size, stored.Size);
        Assert.Equal(original.ContentHash, stored.ContentHash);
        Assert.Equal(original.CaptureTime, stored.CaptureTime);
        Assert.Equal(original.CaptureTimeSource, stored.CaptureTimeSource);
        Assert.Equal((original.Width, original.Height), (stored.Width, stored.Height));
        Assert.Equal((original.Latitude, original.Longitude, original.Altitude), (stored.Latitude, stored.Longitude, stored.Altitude));
        Assert.Equal(original.CameraModel, stored.CameraModel);

        Assert.Equal(added, stored.AddedAt);
        Assert.Equal(_time.GetUtcNow(), stored.UpdatedAt);
    }

    [Fact]
    public void Update_WithKnownFacts_ReplacesThem_AndADifferentSizeDropsTheOldHash()
    {
        long id = _catalog.Add(FullItem());

        _catalog.Add(FullItem() with { Size = 999, ContentHash = null, Latitude = 1, Longitude = 2, Altitude = null });
        ItemRecord stored = _catalog.Get(id);

        Assert.Equal(999, stored.Size);
        Assert.Null(stored.ContentHash);
        Assert.Equal((1.0, 2.0, (double?)null), (stored.Latitude, stored.Longitude, stored.Altitude));
    }

    [Fact]
    public void UnchangedRelisting_WritesNothing()
    {
        long id = _catalog.Add(FullItem());
        ItemRecord before = _catalog.Get(id);
        long version = _catalog.GetDataVersion();
        _time.Advance(TimeSpan.FromDays(1));

        _catalog.Add(FullItem());

        Assert.Equal(version, _catalog.GetDataVersion());
        Assert.Equal(before.UpdatedAt, _catalog.Get(id).UpdatedAt);
    }

    [Fact]
    public void Upsert_NeverMovesAnAssignedPath()
    {
        long id = _catalog.Add(FullItem());
        _catalog.AssignPaths();
        string path = _catalog.PathOf(id);

        _catalog.Add(FullItem() with { FileName = "other.png", CaptureTime = new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero) });
        _catalog.AssignPaths();

        Assert.Equal("photos/2019/05/IMG_1.jpg", path);
        Assert.Equal(path, _catalog.PathOf(id));
        Assert.Equal("other.png", _catalog.Get(id).FileName);
    }

    [Fact]
    public void Upsert_WithUnknownSource_WritesNothing()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(
            () => _catalog.UpsertItems([Catalogs.Item(_source.Id, "ok"), Catalogs.Item(_source.Id + 41, "orphan")]));

        Assert.Contains("orphan", error.Message);
        Assert.Null(_catalog.FindItemId(_source.Id, "ok"));
    }

    [Fact]
    public void Upsert_RejectsInvalidItemsUpFront()
    {
        Assert.Throws<ArgumentException>(() => _catalog.UpsertItems([Catalogs.Item(_source.Id, "")]));
        Assert.Throws<ArgumentException>(() => _catalog.UpsertItems([Catalogs.Item(_source.Id, "a") with { Size = -1 }]));
        Assert.Empty(_catalog.UpsertItems([]));
    }

    [Fact]
    public void UpdateItemFacts_FillsInFacts_WithoutMovingThePath()
    {
        long id = _catalog.Add(Catalogs.Item(_source.Id, "a", "clip.mp4", Catalogs.May2019));
        _catalog.AssignPaths();
        _time.Advance(TimeSpan.FromMinutes(3));

        bool changed = _catalog.UpdateItemFacts(id, new ItemFacts
        {
            Size = 10_000_000,
            ContentHash = "sha256:ff",
            CaptureTime = new DateTimeOffset(2018, 12, 31, 23, 0, 0, TimeSpan.Zero),
            CaptureTimeSource = "exif",
            CameraMake = "Canon",
            Width = 1920,
            Height = 1080,
        });
        ItemRecord stored = _catalog.Get(id);

        Assert.True(changed);
        Assert.Equal(10_000_000, stored.Size);
        Assert.Equal("sha256:ff", stored.ContentHash);
        Assert.Equal("exif", stored.CaptureTimeSource);
        Assert.Equal(2018, stored.CaptureTime!.Value.Year);
        Assert.Equal("Canon", stored.CameraMake);
        Assert.Equal((1920, 1080), (stored.Width, stored.Height));
        Assert.Equal("photos/2019/05/clip.mp4", _catalog.PathOf(id));
        Assert.Equal(_time.GetUtcNow(), stored.UpdatedAt);
        Assert.False(_catalog.UpdateItemFacts(id, new ItemFacts { Size = 10_000_000 }));
    }

    [Fact]
    public void UpdateItemFacts_NewSizeWithoutHash_DropsTheStaleHash()
    {
        long id = _catalog.Add(FullItem());

        _catalog.UpdateItemFacts(id, new ItemFacts { Size = 1 });

        Assert.Null(_catalog.Get(id).ContentHash);
    }

    [Fact]
    public void UpdateItemFacts_Validates()
    {
        long id = _catalog.Add(FullItem());

        Assert.Throws<KeyNotFoundException>(() => _catalog.UpdateItemFacts(id + 100, new ItemFacts { Size = 1 }));
        Assert.Throws<ArgumentException>(() => _catalog.UpdateItemFacts(id, new ItemFacts { CaptureTime = Catalogs.May2019 }));
    }
}
