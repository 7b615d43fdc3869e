using System.Text;
using GPhotosFs.Catalog;
using GPhotosFs.SampleMedia;
using GPhotosFs.Vfs.Content;
using GPhotosFs.Vfs.Tree;
using Microsoft.Extensions.Logging.Abstractions;

namespace GPhotosFs.Vfs.Tests;

/// <summary>The filesystem over a real SQLite catalog and real files, without any mount.</summary>
public sealed class PhotoFileSystemTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("gphotosfs-vfs-");
    private readonly LibraryCatalog _catalog;
    private readonly long _sourceId;
    private readonly ContentSources _sources = new();

    public PhotoFileSystemTests()
    {
        _catalog = LibraryCatalog.Open(Path.Combine(_dir.FullName, "catalog.db"), CatalogAccess.ReadWrite);
        _sourceId = _catalog.EnsureSource(SourceKinds.Local, "test", "originals").Id;
        Directory.CreateDirectory(Path.Combine(_dir.FullName, "originals"));
        _sources.Add(_sourceId, new LocalFolderContentSource(Path.Combine(_dir.FullName, "originals")));
    }

    [Fact]
    public async Task Reads_return_the_original_bytes_at_any_offset()
    {
        var bytes = AddPhoto("a.jpg", 1);
        var fs = NewFileSystem();
        var file = (VfsFile)fs.Tree.Resolve("photos/2020/05/IMG_a.jpg")!;

        using var open = await fs.OpenAsync(file, CancellationToken.None);
        var buffer = new byte[bytes.Length + 100];
        Assert.Equal(bytes.Length, await open.ReadAsync(0, buffer, CancellationToken.None));
        Assert.Equal(bytes, buffer[..bytes.Length]);
        Assert.Equal(10, await open.ReadAsync(bytes.Length - 10, buffer, CancellationToken.None));
        Assert.Equal(0, await open.ReadAsync(bytes.Length, buffer, CancellationToken.None));
    }

    [Fact]
    public async Task An_original_that_changed_size_is_refused_rather_than_served()
    {
        AddPhoto("a.jpg", 1);
        var fs = NewFileSystem();
        File.WriteAllBytes(Path.Combine(_dir.FullName, "originals", "a.jpg"), new byte[10]);

        var ex = await Assert.ThrowsAsync<ContentUnavailableException>(async () => await fs.OpenAsync((VfsFile)fs.Tree.Resolve("photos/2020/05/IMG_a.jpg")!, CancellationToken.None));
        Assert.Contains("catalog recorded", ex.Message);
    }

    [Fact]
    public async Task An_original_that_is_gone_names_the_item_and_what_to_do()
    {
        AddPhoto("a.jpg", 1);
        var fs = NewFileSystem();
        File.Delete(Path.Combine(_dir.FullName, "originals", "a.jpg"));

        var ex = await Assert.ThrowsAsync<ContentUnavailableException>(async () => await fs.OpenAsync((VfsFile)fs.Tree.Resolve("photos/2020/05/IMG_a.jpg")!, CancellationToken.None));
        Assert.Contains("IMG_a.jpg", ex.Message);
        Assert.Contains("gphotosfs sync", ex.Message);
    }

    [Fact]
    public async Task A_locator_outside_the_source_folder_is_refused()
    {
        File.WriteAllBytes(Path.Combine(_dir.FullName, "secret"), [1, 2, 3]);
        _catalog.UpsertItems([new ItemRecord { SourceId = _sourceId, SourceItemId = "evil", Locator = "../secret", FileName = "evil.jpg", Size = 3, CaptureTime = DateTimeOffset.UnixEpoch }]);
        _catalog.AssignPaths();
        var fs = NewFileSystem();

        var ex = await Assert.ThrowsAsync<ContentUnavailableException>(async () => await fs.OpenAsync((VfsFile)fs.Tree.Resolve("photos/1970/01/evil.jpg")!, CancellationToken.None));
        Assert.Contains("outside", ex.Message);
    }

    [Fact]
    public void Extended_attributes_come_from_the_catalog()
    {
        _catalog.UpsertItems([new ItemRecord
        {
            SourceId = _sourceId, SourceItemId = "x", Locator = "x", FileName = "x.jpg", Size = 1, CaptureTime = DateTimeOffset.UnixEpoch,
            Description = "Été", CameraMake = "Canon", CameraModel = "EOS R5", Latitude = -33.8568, Longitude = 151.2153, IsFavorite = true,
        }]);
        _catalog.AssignPaths();
        var fs = NewFileSystem();

        var attributes = fs.GetAttributes(fs.Tree.Resolve("photos/1970/01/x.jpg")!).ToDictionary();
        Assert.Equal("x", attributes["user.gphotos.id"]);
        Assert.Equal("local:test", attributes["user.gphotos.source"]);
        Assert.Equal("Été", attributes["user.gphotos.description"]);
        Assert.Equal("Canon EOS R5", attributes["user.gphotos.camera"]);
        Assert.Equal("-33.856800,151.215300", attributes["user.gphotos.gps"]);
        Assert.Equal("1", attributes["user.gphotos.favorite"]);
        Assert.Empty(fs.GetAttributes(fs.Tree.Resolve("photos")!));
    }

    [Fact]
    public void A_changed_catalog_gives_a_new_tree_with_the_same_inode_numbers()
    {
        AddPhoto("a.jpg", 1);
        var fs = NewFileSystem();
        var before = fs.Tree;
        Assert.Null(fs.ReloadIfChanged());

        AddPhoto("b.jpg", 2);
        var after = fs.ReloadIfChanged();

        Assert.NotNull(after);
        Assert.Same(after, fs.Tree);
        Assert.Equal(before.Resolve("photos/2020/05/IMG_a.jpg")!.Ino, after.Resolve("photos/2020/05/IMG_a.jpg")!.Ino);
        Assert.NotNull(after.Resolve("photos/2020/05/IMG_b.jpg"));
        Assert.Null(before.Resolve("photos/2020/05/IMG_b.jpg"));
    }

    [Fact]
    public void Dot_and_dot_dot_resolve_in_lookups()
    {
        AddPhoto("a.jpg", 1);
        var fs = NewFileSystem();
        var month = fs.Tree.Resolve("photos/2020/05")!;

        Assert.Same(month, fs.Lookup(month.Ino, "."u8));
        Assert.Equal(InodeNumbers.Year(2020), fs.Lookup(month.Ino, ".."u8)!.Ino);
        Assert.Equal(InodeNumbers.Root, fs.Lookup(InodeNumbers.Root, ".."u8)!.Ino);
        Assert.Null(fs.Lookup(InodeNumbers.Item(1), "x"u8));
    }

    public void Dispose()
    {
        _catalog.Dispose();
        _dir.Delete(recursive: true);
    }

    private PhotoFileSystem NewFileSystem() => new(_catalog, _sources, new TreeOptions(), NullLogger.Instance);

    private byte[] AddPhoto(string file, int seed)
    {
        var when = new DateTimeOffset(2020, 5, seed, 10, 0, 0, TimeSpan.Zero);
        var bytes = SampleMediaFactory.CreatePhoto(new PhotoSpec { Width = 32, Height = 32, Seed = seed, CaptureTime = when });
        File.WriteAllBytes(Path.Combine(_dir.FullName, "originals", file), bytes);
        _catalog.UpsertItems([new ItemRecord
        {
            SourceId = _sourceId, SourceItemId = file, Locator = file, FileName = "IMG_" + file, Size = bytes.Length, CaptureTime = when,
        }]);
        _catalog.AssignPaths();
        return bytes;
    }
}
