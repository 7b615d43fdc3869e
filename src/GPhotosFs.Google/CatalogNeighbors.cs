using GPhotosFs.Catalog;
using GPhotosFs.Originals;

namespace GPhotosFs.Google;

/// <summary>
/// Which items of a source follow a given one in the mounted tree (folder by folder, names in
/// order: how rsync and cp walk it). The order is rebuilt when the catalog changes.
/// </summary>
public sealed class CatalogNeighbors(LibraryCatalog catalog, long sourceId)
{
    private readonly object _lock = new();
    private long _version = -1;
    private long[] _order = [];
    private Dictionary<long, int> _position = [];

    public IEnumerable<string> After(OriginalKey key, int count)
    {
        long[] order;
        int start;
        lock (_lock)
        {
            var version = catalog.GetDataVersion();
            if (version != _version)
            {
                _order = catalog.ReadTreeItems()
                    .OrderBy(i => i.DirPath, StringComparer.Ordinal).ThenBy(i => i.Name, StringComparer.Ordinal)
                    .Select(i => i.Id).ToArray();
                _position = new Dictionary<long, int>(_order.Length);
                for (var i = 0; i < _order.Length; i++) _position[_order[i]] = i;
                _version = version;
            }

            order = _order;
            if (!_position.TryGetValue(key.ItemId, out start)) return [];
        }

        var result = new List<string>(count);
        for (var i = start + 1; i < order.Length && result.Count < count && i <= start + count * 2; i++)
        {
            if (catalog.GetItem(order[i]) is { } item && item.SourceId == sourceId && item.MissingSince is null)
            {
                result.Add(item.SourceItemId);
            }
        }

        return result;
    }
}
