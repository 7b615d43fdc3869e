using Microsoft.Data.Sqlite;

namespace GPhotosFs.Catalog;

/// <summary>
/// A consistent, read-only view of the catalog as of one moment. Reading items, albums and
/// entries through one snapshot guarantees they match (every entry's item is there) and belong
/// to <see cref="DataVersion"/>, even while a sync commits in between. Holds a read transaction,
/// which keeps the WAL from being checkpointed past it: dispose it as soon as the tree is built.
/// Not thread-safe; use one snapshot per thread.
/// </summary>
public sealed class CatalogSnapshot : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private bool _disposed;

    internal CatalogSnapshot(SqliteConnection connection)
    {
        _connection = connection;
        try
        {
            // A deferred transaction takes its snapshot at the first read: reading the version
            // right away pins the view to it.
            _transaction = connection.BeginTransaction(deferred: true);
            DataVersion = CatalogQueries.GetDataVersion(connection, _transaction);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>The data_version this snapshot shows.</summary>
    public long DataVersion { get; }

    public IEnumerable<TreeItemRow> ReadTreeItems() => CatalogQueries.ReadTreeItems(Connection, _transaction);

    public IEnumerable<TreeAlbumRow> ReadTreeAlbums() => CatalogQueries.ReadTreeAlbums(Connection, _transaction);

    public IEnumerable<TreeAlbumEntryRow> ReadTreeAlbumEntries() => CatalogQueries.ReadTreeAlbumEntries(Connection, _transaction);

    public ItemRecord? GetItem(long id) => CatalogQueries.GetItem(Connection, _transaction, id);

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _transaction.Dispose();
        _connection.Dispose();
    }

    private SqliteConnection Connection
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _connection;
        }
    }
}
