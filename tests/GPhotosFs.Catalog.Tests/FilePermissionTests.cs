namespace GPhotosFs.Catalog.Tests;

public sealed class FilePermissionTests : IDisposable
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void NewCatalog_IsPrivateToItsOwner()
    {
        string folder = _folder.File("state/gphotosfs");
        string path = Path.Combine(folder, "catalog.db");
        using LibraryCatalog catalog = LibraryCatalog.Open(path, CatalogAccess.ReadWrite);
        SourceRecord source = catalog.EnsureSource("takeout", "main", null);
        catalog.Add(Catalogs.Item(source.Id, "a"));
        Assert.NotNull(catalog.GetItem(1));

        Assert.Equal(OwnerReadWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
        Assert.Equal(OwnerReadWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_folder.File("state")));
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(path));
        Assert.True(File.Exists(path + "-wal"));
        Assert.True(File.Exists(path + "-shm"));
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(path + "-wal"));
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(path + "-shm"));
    }

    [Fact]
    public void ExistingFolder_KeepsItsMode()
    {
        const UnixFileMode shared = OwnerReadWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute;
        File.SetUnixFileMode(_folder.Path, shared);

        using (LibraryCatalog.Open(_folder.File("catalog.db"), CatalogAccess.ReadWrite))
        {
        }

        Assert.Equal(shared, File.GetUnixFileMode(_folder.Path));
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(_folder.File("catalog.db")));
    }
}
