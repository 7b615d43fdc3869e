namespace GPhotosFs.Catalog.Tests;

/// <summary>
/// An item filed by a guessed date (EXIF, file name, archive entry time) follows its authoritative
/// date (Takeout sidecar, API) into the right month when a later listing brings it; nothing else
/// ever moves a name, and never what a read learned.
/// </summary>
public sealed class PathRefilingTests : IDisposable
{
    private static readonly DateTimeOffset ExifDate = new(2021, 3, 14, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset SidecarDate = new(2019, 7, 2, 18, 30, 0, TimeSpan.Zero);

    private readonly TempDirectory _folder = new();
    private readonly LibraryCatalog _catalog;
    private readonly SourceRecord _source;

    public PathRefilingTests() => _catalog = Catalogs.Create(_folder, out _source);

    public void Dispose()
    {
        _catalog.Dispose();
        _folder.Dispose();
    }

    private ItemRecord Item(string id, string fileName, DateTimeOffset? time, string? source) =>
        Catalogs.Item(_source.Id, id, fileName, time) with { CaptureTimeSource = source };

    [Theory]
    [InlineData("exif")]
    [InlineData("quicktime")]
    [InlineData("filename")]
    [InlineData("archive")]
    public void GuessedDate_FollowsTheSidecarDate_IntoItsMonth(string guessed)
    {
        long id = _catalog.Add(Item("a", "IMG_1.jpg", ExifDate, guessed));
        _catalog.AssignPaths();
        Assert.Equal("photos/2021/03/IMG_1.jpg", _catalog.PathOf(id));

        _catalog.Add(Item("a", "IMG_1.jpg", SidecarDate, "sidecar"));
        _catalog.AssignPaths();

        Assert.Equal("photos/2019/07/IMG_1.jpg", _catalog.PathOf(id));
    }

    [Fact]
    public void Undated_FollowsTheApiDate()
    {
        long id = _catalog.Add(Item("a", "scan.png", null, null));
        _catalog.AssignPaths();

        _catalog.Add(Item("a", "scan.png", SidecarDate, "api"));
        _catalog.AssignPaths();

        Assert.Equal("photos/2019/07/scan.png", _catalog.PathOf(id));
    }

    [Fact]
    public void RefiledItem_TakesAFreeNameInItsNewMonth_AndNoOtherNameChanges()
    {
        long resident = _catalog.Add(Item("r", "IMG_1.jpg", SidecarDate.AddDays(3), "sidecar"));
        long neighbour = _catalog.Add(Item("n", "IMG_1.jpg", ExifDate.AddDays(1), "exif"));
        long moved = _catalog.Add(Item("a", "IMG_1.jpg", ExifDate, "exif"));
        _catalog.AssignPaths();
        Assert.Equal("photos/2021/03/IMG_1.jpg", _catalog.PathOf(moved));
        Assert.Equal("photos/2021/03/IMG_1 (2).jpg", _catalog.PathOf(neighbour));

        _catalog.Add(Item("a", "IMG_1.jpg", SidecarDate, "sidecar"));
        _catalog.AssignPaths();

        Assert.Equal("photos/2019/07/IMG_1 (2).jpg", _catalog.PathOf(moved));
        Assert.Equal("photos/2019/07/IMG_1.jpg", _catalog.PathOf(resident));
        Assert.Equal("photos/2021/03/IMG_1 (2).jpg", _catalog.PathOf(neighbour));
    }

    [Fact]
    public void SidecarDate_InTheSameMonth_KeepsTheName()
    {
        long first = _catalog.Add(Item("a", "IMG_1.jpg", ExifDate, "exif"));
        long second = _catalog.Add(Item("b", "IMG_1.jpg", ExifDate.AddHours(1), "exif"));
        _catalog.AssignPaths();
        Assert.Equal("photos/2021/03/IMG_1 (2).jpg", _catalog.PathOf(second));

        // Earlier than the first item now, but the same month: nothing is renamed.
        _catalog.Add(Item("b", "IMG_1.jpg", ExifDate.AddHours(-5), "sidecar"));
        _catalog.AssignPaths();

        Assert.Equal("photos/2021/03/IMG_1.jpg", _catalog.PathOf(first));
        Assert.Equal("photos/2021/03/IMG_1 (2).jpg", _catalog.PathOf(second));
    }

    [Fact]
    public void AuthoritativeDate_NeverMovesAgain()
    {
        long id = _catalog.Add(Item("a", "IMG_1.jpg", SidecarDate, "sidecar"));
        _catalog.AssignPaths();

        _catalog.Add(Item("a", "IMG_1.jpg", ExifDate, "api"));
        _catalog.AssignPaths();

        Assert.Equal("photos/2019/07/IMG_1.jpg", _catalog.PathOf(id));
    }

    [Fact]
    public void GuessedDate_NeverReplacesAnAuthoritativeOne()
    {
        // Two exports in one add: the older one's copy has the sidecar, the newer one's lacks it.
        long id = _catalog.Add(Item("a", "IMG_1.jpg", SidecarDate, "sidecar"));
        _catalog.Add(Item("a", "IMG_1.jpg", ExifDate, "exif"));
        _catalog.AssignPaths();

        Assert.Equal("photos/2019/07/IMG_1.jpg", _catalog.PathOf(id));
        Assert.Equal(SidecarDate, _catalog.Get(id).CaptureTime);
        Assert.Equal("sidecar", _catalog.Get(id).CaptureTimeSource);
    }

    [Fact]
    public void NewerAuthoritativeDate_ReplacesTheTime_ButNotThePath()
    {
        long id = _catalog.Add(Item("a", "IMG_1.jpg", SidecarDate, "api"));
        _catalog.AssignPaths();

        // The owner corrected the date in Google Photos: the time follows, the name stays.
        _catalog.Add(Item("a", "IMG_1.jpg", ExifDate, "api"));
        _catalog.AssignPaths();

        Assert.Equal(ExifDate, _catalog.Get(id).CaptureTime);
        Assert.Equal("photos/2019/07/IMG_1.jpg", _catalog.PathOf(id));
    }

    [Fact]
    public void DateLearnedOnRead_NeverMovesThePath()
    {
        long id = _catalog.Add(Item("a", "scan.png", null, null));
        _catalog.AssignPaths();

        _catalog.UpdateItemFacts(id, new ItemFacts { CaptureTime = SidecarDate, CaptureTimeSource = ItemRecord.LearnedAfterShown });
        _catalog.AssignPaths();

        Assert.Equal("photos/undated/scan.png", _catalog.PathOf(id));
    }
}
