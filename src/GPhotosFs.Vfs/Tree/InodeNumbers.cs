namespace GPhotosFs.Vfs.Tree;

/// <summary>
/// Inode numbers derived only from catalog identities, so they are the same on every mount (backup
/// tools that track inodes, and NFS re-exports, see a stable tree). The top byte says what kind of
/// node it is; the rest is the catalog id. FUSE requires the root to be 1.
/// </summary>
public static class InodeNumbers
{
    public const ulong Root = 1;
    public const ulong Photos = 2;
    public const ulong Albums = 3;

    /// <summary>The hidden <c>.gphotosfs</c> folder; its generated files are <see cref="ControlFile"/>(0), (1)…</summary>
    public const ulong ControlFolder = 4;

    private const ulong FirstControlFile = 16;

    private const int KindShift = 56;
    private const ulong IdMask = (1UL << KindShift) - 1;
    private const ulong YearKind = 1;
    private const ulong MonthKind = 2;
    private const ulong UndatedKind = 3;
    private const ulong AlbumKind = 4;
    private const ulong ItemKind = 5;
    private const ulong AlbumEntryKind = 6;

    /// <summary>The <paramref name="index"/>th generated file under <see cref="ControlFolder"/>.</summary>
    public static ulong ControlFile(int index) => FirstControlFile + (ulong)index;

    public static ulong Year(int year) => Make(YearKind, (ulong)year);

    public static ulong Month(int year, int month) => Make(MonthKind, ((ulong)year * 16) + (ulong)month);

    public static ulong Undated => Make(UndatedKind, 0);

    public static ulong Album(long albumId) => Make(AlbumKind, checked((ulong)albumId));

    public static ulong Item(long itemId) => Make(ItemKind, checked((ulong)itemId));

    /// <summary>An album's symlink to an item: album id in the high 24 bits, item id in the low 32 bits of the id field.</summary>
    public static ulong AlbumEntry(long albumId, long itemId)
    {
        if ((ulong)albumId >= 1UL << 24 || (ulong)itemId >= 1UL << 32)
        {
            throw new ArgumentOutOfRangeException(nameof(albumId), $"album {albumId} / item {itemId} exceed the inode number space");
        }

        return Make(AlbumEntryKind, ((ulong)albumId << 32) | (ulong)itemId);
    }

    /// <summary>The item id of a file's inode number (<see cref="Item"/>), or false for any other kind of node.</summary>
    public static bool TryGetItemId(ulong ino, out long itemId)
    {
        itemId = (long)(ino & IdMask);
        return ino >> KindShift == ItemKind;
    }

    private static ulong Make(ulong kind, ulong id)
    {
        if (id > IdMask)
        {
            throw new ArgumentOutOfRangeException(nameof(id), $"id {id} exceeds the inode number space");
        }

        return (kind << KindShift) | id;
    }
}
