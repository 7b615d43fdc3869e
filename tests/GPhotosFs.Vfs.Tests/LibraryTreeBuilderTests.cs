using System.Text;
using GPhotosFs.Catalog;
using GPhotosFs.Vfs.Tree;

namespace GPhotosFs.Vfs.Tests;

public sealed class LibraryTreeBuilderTests
{
    private static readonly DateTimeOffset July14 = new(2019, 7, 14, 18, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset July20 = new(2019, 7, 20, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Items_land_in_their_assigned_month_folders_with_sizes_and_capture_times()
    {
        var tree = Build([Item(1, "photos/2019/07", "a.jpg", 100, July14), Item(2, "photos/2019/07", "b.jpg", 200, July20), Item(3, "photos/undated", "c.jpg", 5, null)]);

        var a = Assert.IsType<VfsFile>(tree.Resolve("photos/2019/07/a.jpg"));
        Assert.Equal(100, a.Size);
        Assert.Equal(July14.ToUnixTimeMilliseconds(), a.ModifiedUnixMs);
        Assert.Equal(InodeNumbers.Item(1), a.Ino);
        Assert.IsType<VfsFile>(tree.Resolve("photos/undated/c.jpg"));
        Assert.Equal(3, tree.FileCount);
        Assert.Equal(305, tree.TotalBytes);
        // Folders carry their newest child's time, all the way up.
        Assert.Equal(July20.ToUnixTimeMilliseconds(), tree.Resolve("photos/2019/07")!.ModifiedUnixMs);
        Assert.Equal(July20.ToUnixTimeMilliseconds(), tree.Resolve("photos/2019")!.ModifiedUnixMs);
        Assert.Equal(InodeNumbers.Month(2019, 7), tree.Resolve("photos/2019/07")!.Ino);
        Assert.Equal(2, ((VfsDirectory)tree.Resolve("photos")!).SubdirectoryCount);
    }

    [Fact]
    public void Trashed_items_and_items_of_unknown_size_are_not_shown()
    {
        var tree = Build([Item(1, "photos/2019/07", "a.jpg", 1, July14) with { IsTrashed = true }, Item(2, "photos/2019/07", "b.jpg", null, July14)]);

        Assert.Null(tree.Resolve("photos/2019/07/a.jpg"));
        Assert.Null(tree.Resolve("photos/2019/07/b.jpg"));
        Assert.Equal(1, tree.HiddenForUnknownSize);

        var withTrash = Build([Item(1, "photos/2019/07", "a.jpg", 1, July14) with { IsTrashed = true }], options: new TreeOptions { ShowTrashed = true });
        Assert.NotNull(withTrash.Resolve("photos/2019/07/a.jpg"));
    }

    [Fact]
    public void Album_entries_are_relative_symlinks_by_default_and_hard_links_on_request()
    {
        var items = new[] { Item(1, "photos/2019/07", "a.jpg", 10, July14) };
        var albums = new[] { new TreeAlbumRow(7, "Summer", "Summer") };
        var entries = new[] { new TreeAlbumEntryRow(7, 1, 0, "a.jpg") };

        var symlinks = LibraryTreeBuilder.Build(items, albums, entries, new TreeOptions());
        var link = Assert.IsType<VfsSymlink>(symlinks.Resolve("albums/Summer/a.jpg"));
        Assert.Equal("../../photos/2019/07/a.jpg", Encoding.UTF8.GetString(link.Target));
        Assert.Equal(InodeNumbers.AlbumEntry(7, 1), link.Ino);
        Assert.Same(link, symlinks.Get(link.Ino));

        var files = LibraryTreeBuilder.Build(items, albums, entries, new TreeOptions { Albums = AlbumPresentation.Files });
        var hardLink = Assert.IsType<VfsHardLink>(files.Resolve("albums/Summer/a.jpg"));
        Assert.Equal(InodeNumbers.Item(1), hardLink.Ino);
        Assert.Equal(2, hardLink.File.LinkCount);
    }

    [Fact]
    public void An_album_entry_of_a_hidden_item_is_left_out()
    {
        var tree = LibraryTreeBuilder.Build(
            [Item(1, "photos/2019/07", "a.jpg", 10, July14) with { IsTrashed = true }],
            [new TreeAlbumRow(7, "Summer", "Summer")],
            [new TreeAlbumEntryRow(7, 1, 0, "a.jpg")],
            new TreeOptions());

        Assert.Empty(((VfsDirectory)tree.Resolve("albums/Summer")!).Children);
    }

    [Fact]
    public void Children_are_sorted_by_bytes_and_found_by_binary_search()
    {
        var names = new[] { "b.jpg", "A.jpg", "é.jpg", "a.jpg", "a (2).jpg", "z.mov" };
        var tree = Build(names.Select((n, i) => Item(i + 1, "photos/2019/07", n, 1, July14)).ToArray());
        var dir = (VfsDirectory)tree.Resolve("photos/2019/07")!;

        var listed = dir.Children.Select(c => c.NameText).ToArray();
        Assert.Equal(names.OrderBy(n => Encoding.UTF8.GetBytes(n), Comparer<byte[]>.Create((x, y) => x.AsSpan().SequenceCompareTo(y))).ToArray(), listed);
        foreach (var name in names)
        {
            Assert.Equal(name, dir.Find(Encoding.UTF8.GetBytes(name))!.NameText);
        }

        Assert.Null(dir.Find("missing.jpg"u8));
    }

    [Fact]
    public void A_folder_the_catalog_could_not_have_assigned_is_an_error()
    {
        Assert.Throws<InvalidDataException>(() => Build([Item(1, "elsewhere/2019", "a.jpg", 1, July14)]));
        Assert.Throws<InvalidDataException>(() => Build([Item(1, "photos/2019/13", "a.jpg", 1, July14)]));
    }

    [Fact]
    public void Inode_numbers_of_different_kinds_never_collide()
    {
        var all = new[]
        {
            InodeNumbers.Root, InodeNumbers.Photos, InodeNumbers.Albums, InodeNumbers.Year(2019), InodeNumbers.Month(2019, 7),
            InodeNumbers.Undated, InodeNumbers.Album(1), InodeNumbers.Item(1), InodeNumbers.AlbumEntry(1, 1), InodeNumbers.Month(2019, 12),
            InodeNumbers.Month(2020, 1), InodeNumbers.Item(2019 * 16 + 7),
        };
        Assert.Equal(all.Length, all.Distinct().Count());
        Assert.DoesNotContain(0UL, all);
        Assert.Throws<ArgumentOutOfRangeException>(() => InodeNumbers.AlbumEntry(1 << 24, 1));
    }

    private static LibraryTree Build(TreeItemRow[] items, TreeOptions? options = null) =>
        LibraryTreeBuilder.Build(items, [], [], options ?? new TreeOptions());

    private static TreeItemRow Item(long id, string dir, string name, long? size, DateTimeOffset? captured) =>
        new(id, dir, name, size, captured, "image/jpeg", false, false, false, null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
}
