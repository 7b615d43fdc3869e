using Microsoft.Data.Sqlite;

namespace GPhotosFs.Catalog.Tests;

public sealed class ConcurrencyTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Readers_SeeWholeCommits_WhileTheWriterWrites()
    {
        const int batches = 10;
        const int batchSize = 5000;
        using LibraryCatalog catalog = Catalogs.Create(_folder, out SourceRecord source);
        var writerDone = new ManualResetEventSlim();
        int observations = 0;

        Task writer = Task.Run(() =>
        {
            try
            {
                for (int batch = 0; batch < batches; batch++)
                {
                    catalog.UpsertItems(Enumerable.Range(0, batchSize)
                        .Select(i => Catalogs.Item(source.Id, $"{batch}-{i}", "IMG.jpg", Catalogs.May2019.AddMinutes(i)))
                        .ToList());
                    catalog.AssignPaths();
                }
            }
            finally
            {
                writerDone.Set();
            }
        });

        Task[] readers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            long lastVersion = 0;
            do
            {
                long version = catalog.GetDataVersion();
                Assert.True(version >= lastVersion, "data_version went backwards");
                lastVersion = version;

                int count = catalog.ReadTreeItems().Count();
                Assert.Equal(0, count % batchSize); // never a half-committed batch
                Interlocked.Increment(ref observations);
            }
            while (!writerDone.IsSet);
        })).ToArray();

        await Task.WhenAll([writer, .. readers]);

        Assert.True(observations > 0);
        Assert.Equal(batches * batchSize, catalog.ReadTreeItems().Count());
    }

    [Fact]
    public void Reads_AreNotBlockedByAnotherProcessesOpenWriteTransaction()
    {
        using LibraryCatalog catalog = Catalogs.Create(_folder, out SourceRecord source);
        catalog.Add(Catalogs.Item(source.Id, "a"));
        catalog.AssignPaths();
        long version = catalog.GetDataVersion();

        using SqliteConnection otherProcess = TestFiles.OpenRaw(catalog.Path, SqliteOpenMode.ReadWrite);
        using SqliteTransaction writing = otherProcess.BeginTransaction(); // BEGIN IMMEDIATE: holds the write lock
        using (SqliteCommand command = otherProcess.CreateCommand())
        {
            command.Transaction = writing;
            command.CommandText = "UPDATE meta SET value = '999' WHERE key = 'data_version';";
            command.ExecuteNonQuery();
        }

        // Would fail with CatalogErrorKind.Locked after the busy timeout if readers were blocked.
        Assert.Equal(version, catalog.GetDataVersion());
        Assert.Single(catalog.ReadTreeItems());
        using (LibraryCatalog readOnly = LibraryCatalog.Open(catalog.Path, CatalogAccess.ReadOnly))
        {
            Assert.Equal(version, readOnly.GetDataVersion());
        }

        writing.Rollback();
    }

    [Fact]
    public async Task TwoWritersOnOneFile_NeverHandOutTheSameName()
    {
        string path = _folder.File("catalog.db");
        using (LibraryCatalog.Open(path, CatalogAccess.ReadWrite))
        {
        }

        // Two catalog instances stand in for two processes syncing at once.
        Task[] writers = Enumerable.Range(0, 2).Select(w => Task.Run(() =>
        {
            using LibraryCatalog catalog = LibraryCatalog.Open(path, CatalogAccess.ReadWrite);
            SourceRecord source = catalog.EnsureSource("takeout", $"writer-{w}", null);
            for (int round = 0; round < 20; round++)
            {
                catalog.UpsertItems(Enumerable.Range(0, 50)
                    .Select(i => Catalogs.Item(source.Id, $"{round}-{i}", "same.jpg", Catalogs.May2019))
                    .ToList());
                catalog.AssignPaths();
            }
        })).ToArray();
        await Task.WhenAll(writers);

        using LibraryCatalog check = LibraryCatalog.Open(path, CatalogAccess.ReadOnly);
        List<TreeItemRow> rows = check.ReadTreeItems().ToList();
        Assert.Equal(2 * 20 * 50, rows.Count);
        Assert.Equal(rows.Count, rows.Select(row => NameSanitizer.ToCollisionKey(row.Name)).Distinct().Count());
    }

    [Fact]
    public void Snapshot_KeepsItsViewWhileTheCatalogChanges()
    {
        using LibraryCatalog catalog = Catalogs.Create(_folder, out SourceRecord source);
        long first = catalog.Add(Catalogs.Item(source.Id, "a", "a.jpg"));
        long album = catalog.UpsertAlbum(new AlbumRecord { SourceId = source.Id, SourceAlbumId = "x", Title = "X" });
        catalog.SetAlbumItems(album, [first]);
        catalog.AssignPaths();

        using CatalogSnapshot snapshot = catalog.OpenSnapshot();
        long version = snapshot.DataVersion;
        long second = catalog.Add(Catalogs.Item(source.Id, "b", "b.jpg"));
        catalog.SetAlbumItems(album, [first, second]);
        catalog.AssignPaths();

        Assert.Equal(version, snapshot.DataVersion);
        Assert.Equal([first], snapshot.ReadTreeItems().Select(row => row.Id));
        Assert.Equal([first], snapshot.ReadTreeAlbumEntries().Select(row => row.ItemId));
        Assert.Equal("X", Assert.Single(snapshot.ReadTreeAlbums()).DirName);
        Assert.Null(snapshot.GetItem(second));
        Assert.True(catalog.GetDataVersion() > version);
        Assert.Equal(2, catalog.ReadTreeItems().Count());
    }
}
