namespace GPhotosFs.Catalog.Tests;

public sealed class CatalogMigrationTests : IDisposable
{
    private const string AddRatingColumn = "ALTER TABLE items ADD COLUMN rating INTEGER;";

    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    private static readonly int Current = LibraryCatalog.SchemaVersion;

    private static CatalogMigrations WithExtraStep(string sql) => new([.. CatalogMigrations.Current.Steps, sql]);

    [Fact]
    public void Upgrade_BacksUpTheOldFileFirst_ThenMigrates()
    {
        string path = _folder.File("catalog.db");
        long id;
        using (LibraryCatalog older = Catalogs.Create(_folder, out SourceRecord source))
        {
            id = older.Add(Catalogs.Item(source.Id, "a", "before-upgrade.jpg"));
        }

        CatalogMigrations upgrade = WithExtraStep(AddRatingColumn);
        using (LibraryCatalog newer = LibraryCatalog.Open(path, CatalogAccess.ReadWrite, TimeProvider.System, upgrade))
        {
            Assert.Equal("before-upgrade.jpg", newer.Get(id).FileName);
        }

        Assert.Equal(Current + 1, TestFiles.ScalarRaw(path, "PRAGMA user_version;"));
        Assert.Equal(1, TestFiles.ScalarRaw(path, "SELECT count(*) FROM pragma_table_info('items') WHERE name = 'rating';"));

        string backup = path + $".bak-v{Current}";
        Assert.True(File.Exists(backup));
        Assert.False(File.Exists(backup + ".tmp"));
        Assert.Equal(Current, TestFiles.ScalarRaw(backup, "PRAGMA user_version;"));
        Assert.Equal(0, TestFiles.ScalarRaw(backup, "SELECT count(*) FROM pragma_table_info('items') WHERE name = 'rating';"));
        using LibraryCatalog fromBackup = LibraryCatalog.Open(backup, CatalogAccess.ReadOnly);
        Assert.Equal("before-upgrade.jpg", fromBackup.Get(id).FileName);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(backup));
    }

    [Fact]
    public void UpToDateCatalog_IsNotBackedUp()
    {
        using (Catalogs.Create(_folder, out _))
        {
        }

        using (LibraryCatalog.Open(_folder.File("catalog.db"), CatalogAccess.ReadWrite))
        {
        }

        Assert.Empty(Directory.GetFiles(_folder.Path, "*.bak-v*"));
    }

    [Fact]
    public void FailingMigration_RollsBackCompletely()
    {
        string path = _folder.File("catalog.db");
        using (Catalogs.Create(_folder, out _))
        {
        }

        // The first statement would succeed; the second fails, so the whole upgrade must roll back.
        CatalogMigrations broken = WithExtraStep(AddRatingColumn + " SELECT * FROM no_such_table;");
        CatalogException error = Assert.Throws<CatalogException>(
            () => LibraryCatalog.Open(path, CatalogAccess.ReadWrite, TimeProvider.System, broken));

        Assert.Equal(CatalogErrorKind.UpgradeFailed, error.Kind);
        Assert.Contains($"from schema {Current} to {Current + 1} failed", error.Message);

        Assert.Equal(Current, TestFiles.ScalarRaw(path, "PRAGMA user_version;"));
        Assert.Equal(0, TestFiles.ScalarRaw(path, "SELECT count(*) FROM pragma_table_info('items') WHERE name = 'rating';"));
        Assert.True(File.Exists(path + $".bak-v{Current}"));
        using LibraryCatalog stillUsable = LibraryCatalog.Open(path, CatalogAccess.ReadWrite);
        Assert.Single(stillUsable.GetSources());
    }

    [Fact]
    public void ReadOnly_OnOlderSchema_AsksForASyncAndWritesNothing()
    {
        string path = _folder.File("catalog.db");
        using (Catalogs.Create(_folder, out _))
        {
        }

        string before = TestFiles.Sha256(path);

        CatalogException error = Assert.Throws<CatalogException>(
            () => LibraryCatalog.Open(path, CatalogAccess.ReadOnly, TimeProvider.System, WithExtraStep(AddRatingColumn)));

        Assert.Equal(CatalogErrorKind.OlderSchema, error.Kind);
        Assert.Contains($"schema {Current}", error.Message);
        Assert.Equal(before, TestFiles.Sha256(path));
        Assert.Empty(Directory.GetFiles(_folder.Path, "*.bak-v*"));
    }
}
