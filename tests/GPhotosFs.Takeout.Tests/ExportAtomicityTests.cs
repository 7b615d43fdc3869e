using GPhotosFs.Takeout.Samples;
using Microsoft.Data.Sqlite;

namespace GPhotosFs.Takeout.Tests;

/// <summary>
/// An export's items land in the catalog whole or not at all (issue 16: storing a million records
/// in batches of their own transactions let the mounted daemon, which polls the catalog, see an
/// export part by part, and let a killed add leave part of it behind). The failure is injected by
/// the catalog file itself: a trigger aborts the insert of one item late in the export.
/// </summary>
public sealed class ExportAtomicityTests
{
    /// <summary>More items than any batch the store would commit on its own (10,000 were once one transaction).</summary>
    private const int Items = 12_000;

    [Fact]
    public void A_store_failing_late_in_an_export_leaves_none_of_its_items_and_a_rerun_stores_all_of_them()
    {
        using var library = new TakeoutLibrary();
        var parts = TakeoutExportWriter.WriteZip(library.Exports, "takeout-20260101T000000Z", SampleTakeout.Bulk(Items), 2, deflate: false);
        var catalogPath = library.Catalog.Path;
        Execute(catalogPath, $"CREATE TRIGGER injected_crash AFTER INSERT ON items WHEN NEW.id = {Items - 100} BEGIN SELECT RAISE(ABORT, 'injected crash late in the store'); END;");

        Assert.ThrowsAny<Exception>(() => library.Add(parts));

        Assert.Equal(0L, Count(catalogPath, "SELECT count(*) FROM items;"));
        Assert.Equal(0L, Count(catalogPath, "SELECT count(*) FROM album_items;"));

        Execute(catalogPath, "DROP TRIGGER injected_crash;");
        var result = library.Add(parts);

        Assert.Empty(result.PartErrors);
        Assert.Equal(Items, result.Items);
        using var fresh = new TakeoutLibrary();
        fresh.Add(TakeoutExportWriter.WriteZip(fresh.Exports, "takeout-20260101T000000Z", SampleTakeout.Bulk(Items), 2, deflate: false));
        Assert.Equal(fresh.PhotoPaths(), library.PhotoPaths());
        Assert.Equal(fresh.Albums(), library.Albums());
    }

    private static void Execute(string catalogPath, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={catalogPath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static long Count(string catalogPath, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={catalogPath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
