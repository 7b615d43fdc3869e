namespace GPhotosFs.Catalog.Tests;

public sealed class PathAssignmentTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly LibraryCatalog _catalog;
    private readonly SourceRecord _source;

    public PathAssignmentTests() => _catalog = Catalogs.Create(_folder, out _source);

    public void Dispose()
    {
        _catalog.Dispose();
        _folder.Dispose();
    }

    private long Add(string sourceItemId, string fileName, DateTimeOffset? captureTime) =>
        _catalog.Add(Catalogs.Item(_source.Id, sourceItemId, fileName, captureTime));

    [Fact]
    public void Folder_IsTheUtcYearAndMonth()
    {
        long may = Add("a", "a.jpg", new DateTimeOffset(2019, 5, 10, 12, 0, 0, TimeSpan.Zero));
        // Local June 1st, but still May 31st in UTC.
        long lateMay = Add("b", "b.jpg", new DateTimeOffset(2019, 6, 1, 0, 30, 0, TimeSpan.FromHours(2)));
        // Local May 31st, but already June 1st in UTC.
        long earlyJune = Add("c", "c.jpg", new DateTimeOffset(2019, 5, 31, 23, 30, 0, TimeSpan.FromHours(-2)));
        long newYear = Add("d", "d.jpg", new DateTimeOffset(2020, 12, 31, 23, 59, 59, 999, TimeSpan.Zero));

        Assert.Equal(4, _catalog.AssignPaths());

        Assert.Equal("photos/2019/05/a.jpg", _catalog.PathOf(may));
        Assert.Equal("photos/2019/05/b.jpg", _catalog.PathOf(lateMay));
        Assert.Equal("photos/2019/06/c.jpg", _catalog.PathOf(earlyJune));
        Assert.Equal("photos/2020/12/d.jpg", _catalog.PathOf(newYear));
    }

    [Fact]
    public void ItemWithoutCaptureTime_GoesToUndated()
    {
        long id = Add("a", "scan.png", null);

        _catalog.AssignPaths();

        Assert.Equal("photos/undated/scan.png", _catalog.PathOf(id));
    }

    [Fact]
    public void AssignPaths_IsIdempotent()
    {
        Add("a", "a.jpg", Catalogs.May2019);
        Assert.Equal(1, _catalog.AssignPaths());
        long version = _catalog.GetDataVersion();

        Assert.Equal(0, _catalog.AssignPaths());
        Assert.Equal(version, _catalog.GetDataVersion());
    }

    [Fact]
    public void Collisions_AreNumberedCaseInsensitively()
    {
        long first = Add("1", "IMG_1.jpg", Catalogs.May2019);
        long second = Add("2", "img_1.JPG", Catalogs.May2019.AddMinutes(1));
        long third = Add("3", "Img_1.Jpg", Catalogs.May2019.AddMinutes(2));
        long otherMonth = Add("4", "IMG_1.jpg", Catalogs.May2019.AddMonths(1));

        _catalog.AssignPaths();

        Assert.Equal("photos/2019/05/IMG_1.jpg", _catalog.PathOf(first));
        Assert.Equal("photos/2019/05/img_1 (2).JPG", _catalog.PathOf(second));
        Assert.Equal("photos/2019/05/Img_1 (3).Jpg", _catalog.PathOf(third));
        Assert.Equal("photos/2019/06/IMG_1.jpg", _catalog.PathOf(otherMonth));
    }

    [Fact]
    public void Collisions_TreatCanonicallyEquivalentNamesAsEqual()
    {
        long composed = Add("1", "caf\u00e9.jpg", Catalogs.May2019);
        long decomposed = Add("2", "cafe\u0301.jpg", Catalogs.May2019.AddMinutes(1));

        _catalog.AssignPaths();

        Assert.Equal("caf\u00e9.jpg", _catalog.Get(composed).Name);
        Assert.Equal("caf\u00e9 (2).jpg", _catalog.Get(decomposed).Name);
    }

    [Fact]
    public void NumberedNames_SkipNamesThatAreAlreadyTaken()
    {
        long literal = Add("1", "a (2).jpg", Catalogs.May2019);
        long plain = Add("2", "a.jpg", Catalogs.May2019.AddMinutes(1));
        long collided = Add("3", "a.jpg", Catalogs.May2019.AddMinutes(2));

        _catalog.AssignPaths();

        Assert.Equal("a (2).jpg", _catalog.Get(literal).Name);
        Assert.Equal("a.jpg", _catalog.Get(plain).Name);
        Assert.Equal("a (3).jpg", _catalog.Get(collided).Name);
    }

    [Fact]
    public void WithinOneRun_EarlierCaptureTimeGetsThePlainName_RegardlessOfInsertOrder()
    {
        long insertedFirst = Add("1", "x.jpg", Catalogs.May2019.AddDays(2));
        long insertedSecond = Add("2", "x.jpg", Catalogs.May2019);

        _catalog.AssignPaths();

        Assert.Equal("x (2).jpg", _catalog.Get(insertedFirst).Name);
        Assert.Equal("x.jpg", _catalog.Get(insertedSecond).Name);
    }

    [Fact]
    public void AssignedNames_NeverChange_WhenEarlierItemsArriveLater()
    {
        long existing = Add("1", "IMG.jpg", Catalogs.May2019.AddDays(5));
        _catalog.AssignPaths();

        // Sorts before the existing item and has the same name: it must not take the plain name.
        long earlier = Add("2", "img.jpg", Catalogs.May2019);
        _catalog.AssignPaths();

        Assert.Equal("photos/2019/05/IMG.jpg", _catalog.PathOf(existing));
        Assert.Equal("photos/2019/05/img (2).jpg", _catalog.PathOf(earlier));
    }

    [Fact]
    public void SameContents_GiveSameNames()
    {
        static IReadOnlyList<string> Build(TempDirectory folder, string fileName)
        {
            using LibraryCatalog catalog = Catalogs.Create(folder, out SourceRecord source, fileName: fileName);
            var items = Enumerable.Range(0, 50)
                .Select(i => Catalogs.Item(source.Id, $"s{i}", i % 3 == 0 ? "dup.jpg" : $"f{i % 7}.jpg", Catalogs.May2019.AddDays(i % 4)))
                .ToList();
            catalog.UpsertItems(items);
            catalog.AssignPaths();
            return catalog.ReadTreeItems().OrderBy(row => row.Id).Select(row => $"{row.DirPath}/{row.Name}").ToList();
        }

        IReadOnlyList<string> first = Build(_folder, "one.db");
        IReadOnlyList<string> second = Build(_folder, "two.db");

        Assert.Equal(first, second);
        Assert.Equal(50, first.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void Names_AreSanitized()
    {
        long slash = Add("1", "a/b\0c.jpg", Catalogs.May2019);
        long dots = Add("2", "..", Catalogs.May2019);
        long empty = Add("3", "", Catalogs.May2019);

        _catalog.AssignPaths();

        Assert.Equal("a_b_c.jpg", _catalog.Get(slash).Name);
        Assert.Equal("_", _catalog.Get(dots).Name);
        Assert.Equal("_ (2)", _catalog.Get(empty).Name);
    }

    [Fact]
    public void CollisionsOfMaximumLengthNames_StayWithinTheLimit()
    {
        string longName = new string('\u00e9', 200) + ".jpeg"; // 405 bytes before truncation
        long first = Add("1", longName, Catalogs.May2019);
        long second = Add("2", longName.ToUpperInvariant(), Catalogs.May2019.AddMinutes(1));
        long third = Add("3", longName, Catalogs.May2019.AddMinutes(2));

        _catalog.AssignPaths();

        string[] names = [_catalog.Get(first).Name!, _catalog.Get(second).Name!, _catalog.Get(third).Name!];
        Assert.All(names, name => Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(name), 1, 255));
        Assert.All(names, name => Assert.EndsWith(".jpeg", name, StringComparison.OrdinalIgnoreCase));
        Assert.EndsWith(" (2).JPEG", names[1]);
        Assert.EndsWith(" (3).jpeg", names[2]);
        Assert.Equal(3, names.Select(NameSanitizer.ToCollisionKey).Distinct().Count());
    }
}
