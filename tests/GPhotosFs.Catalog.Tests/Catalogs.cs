namespace GPhotosFs.Catalog.Tests;

/// <summary>Builders for catalogs and items used across tests.</summary>
public static class Catalogs
{
    public static readonly DateTimeOffset May2019 = new(2019, 5, 10, 12, 0, 0, TimeSpan.Zero);

    public static LibraryCatalog Create(TempDirectory folder, out SourceRecord source, TimeProvider? time = null, string fileName = "catalog.db")
    {
        LibraryCatalog catalog = LibraryCatalog.Open(folder.File(fileName), CatalogAccess.ReadWrite, time ?? new ManualTimeProvider());
        source = catalog.EnsureSource("takeout", "main", config: null);
        return catalog;
    }

    public static ItemRecord Item(long sourceId, string sourceItemId, string fileName = "IMG_0001.jpg", DateTimeOffset? captureTime = null) => new()
    {
        SourceId = sourceId,
        SourceItemId = sourceItemId,
        FileName = fileName,
        CaptureTime = captureTime,
        CaptureTimeSource = captureTime is null ? null : "api",
    };

    public static long Add(this LibraryCatalog catalog, ItemRecord item) => catalog.UpsertItems([item])[0];

    public static ItemRecord Get(this LibraryCatalog catalog, long id) =>
        catalog.GetItem(id) ?? throw new InvalidOperationException($"item {id} missing");

    public static string PathOf(this LibraryCatalog catalog, long id)
    {
        ItemRecord item = catalog.Get(id);
        return $"{item.DirPath}/{item.Name}";
    }
}
