namespace GPhotosFs.Catalog.Tests;

/// <summary>
/// Files that are not usable catalogs must be refused with a clear message and left
/// byte-identical, whatever the access mode.
/// </summary>
public sealed class CatalogRejectionTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<CatalogAccess> BothAccesses => new() { CatalogAccess.ReadWrite, CatalogAccess.ReadOnly };

    [Theory]
    [MemberData(nameof(BothAccesses))]
    public void RandomBytes_AreNotSqlite(CatalogAccess access)
    {
        string path = _folder.File("catalog.db");
        byte[] bytes = new byte[8192];
        new Random(42).NextBytes(bytes);
        File.WriteAllBytes(path, bytes);

        CatalogException error = AssertRefusedUnchanged(path, access);

        Assert.Equal(CatalogErrorKind.NotSqlite, error.Kind);
        Assert.Contains("not an SQLite database", error.Message);
        Assert.All(TestFiles.Companions(path), companion => Assert.False(File.Exists(companion)));
    }

    [Theory]
    [MemberData(nameof(BothAccesses))]
    public void SqliteMagicFollowedByGarbage_IsCorrupt(CatalogAccess access)
    {
        string path = _folder.File("catalog.db");
        byte[] bytes = new byte[8192];
        new Random(7).NextBytes(bytes);
        "SQLite format 3\0"u8.CopyTo(bytes);
        File.WriteAllBytes(path, bytes);

        CatalogException error = AssertRefusedUnchanged(path, access);

        AssertDamaged(error);
    }

    [Theory]
    [MemberData(nameof(BothAccesses))]
    public void TruncatedCatalog_IsCorrupt(CatalogAccess access)
    {
        string path = CreateCatalogWithItems(2000);
        using (FileStream stream = File.Open(path, FileMode.Open))
        {
            stream.SetLength(stream.Length / 2);
        }

        CatalogException error = AssertRefusedUnchanged(path, access);

        Assert.Equal(CatalogErrorKind.Corrupt, error.Kind);
    }

    [Fact]
    public void CatalogTruncatedInsideTheHeader_IsCorrupt()
    {
        string path = CreateCatalogWithItems(1);
        using (FileStream stream = File.Open(path, FileMode.Open))
        {
            stream.SetLength(50);
        }

        CatalogException error = AssertRefusedUnchanged(path, CatalogAccess.ReadWrite);

        AssertDamaged(error);
    }

    [Fact]
    public void DamagedPage_FailsTheIntegrityCheck()
    {
        string path = CreateCatalogWithItems(2000);
        long pageSize = TestFiles.ScalarRaw(path, "PRAGMA page_size;");
        long pageCount = TestFiles.ScalarRaw(path, "PRAGMA page_count;");
        using (FileStream stream = File.Open(path, FileMode.Open))
        {
            // Scribble over the middle of a page in the middle of the file, leaving the header intact.
            stream.Position = (pageCount / 2 * pageSize) + 100;
            byte[] garbage = new byte[pageSize / 2];
            new Random(1).NextBytes(garbage);
            stream.Write(garbage);
        }

        CatalogException error = AssertRefusedUnchanged(path, CatalogAccess.ReadWrite);

        Assert.Equal(CatalogErrorKind.Corrupt, error.Kind);
        Assert.Contains("Move it aside", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(BothAccesses))]
    public void ForeignSqliteDatabase_IsNotACatalog(CatalogAccess access)
    {
        string path = _folder.File("catalog.db");
        using (TestFiles.OpenRaw(path))
        {
        }

        TestFiles.ExecuteRaw(path, "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Ada');");

        CatalogException error = AssertRefusedUnchanged(path, access);

        Assert.Equal(CatalogErrorKind.NotACatalog, error.Kind);
        Assert.Contains("not a GPhotosFs catalog", error.Message);
        Assert.All(TestFiles.Companions(path), companion => Assert.False(File.Exists(companion)));
    }

    [Fact]
    public void SqliteDatabaseWithAnotherApplicationId_IsNotACatalog()
    {
        string path = _folder.File("catalog.db");
        using (TestFiles.OpenRaw(path))
        {
        }

        TestFiles.ExecuteRaw(path, "PRAGMA application_id = 1234;");

        CatalogException error = AssertRefusedUnchanged(path, CatalogAccess.ReadWrite);

        Assert.Equal(CatalogErrorKind.NotACatalog, error.Kind);
        Assert.Contains("0x000004D2", error.Message);
    }

    [Theory]
    [MemberData(nameof(BothAccesses))]
    public void NewerSchema_AsksToUpgradeGPhotosFs(CatalogAccess access)
    {
        string path = CreateCatalogWithItems(3);
        int newer = LibraryCatalog.SchemaVersion + 1;
        TestFiles.ExecuteRaw(path, $"PRAGMA user_version = {newer};");

        CatalogException error = AssertRefusedUnchanged(path, access);

        Assert.Equal(CatalogErrorKind.NewerSchema, error.Kind);
        Assert.Contains($"newer GPhotosFs (schema {newer}, this build knows {LibraryCatalog.SchemaVersion})", error.Message);
        Assert.Contains("upgrade gphotosfs", error.Message);
        Assert.False(File.Exists(path + $".bak-v{newer}"));
        Assert.Empty(Directory.GetFiles(_folder.Path, "*.bak-v*"));
    }

    private string CreateCatalogWithItems(int count)
    {
        using LibraryCatalog catalog = Catalogs.Create(_folder, out SourceRecord source);
        catalog.UpsertItems(Enumerable.Range(0, count)
            .Select(i => Catalogs.Item(source.Id, $"item-{i}", $"IMG_{i:D5}.jpg", Catalogs.May2019.AddHours(i)) with
            {
                Description = new string('d', 100),
            })
            .ToList());
        catalog.AssignPaths();
        return catalog.Path;
    }

    /// <summary>
    /// A damaged header makes SQLite answer "not a database" rather than "corrupt"; either way the
    /// user must hear that the file may be damaged.
    /// </summary>
    private static void AssertDamaged(CatalogException error)
    {
        Assert.Contains(error.Kind, new[] { CatalogErrorKind.Corrupt, CatalogErrorKind.NotSqlite });
        Assert.Contains("damaged", error.Message);
        Assert.Contains("restore it from a backup", error.Message);
    }

    private static CatalogException AssertRefusedUnchanged(string path, CatalogAccess access)
    {
        string before = TestFiles.Sha256(path);
        long length = new FileInfo(path).Length;

        CatalogException error = Assert.Throws<CatalogException>(() => LibraryCatalog.Open(path, access));

        Assert.Equal(Path.GetFullPath(path), error.CatalogPath);
        Assert.Contains(Path.GetFullPath(path), error.Message);
        Assert.Equal(length, new FileInfo(path).Length);
        Assert.Equal(before, TestFiles.Sha256(path));
        return error;
    }
}
