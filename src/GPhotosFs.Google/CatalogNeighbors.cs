using System.Diagnostics;
using GPhotosFs.Catalog;
using GPhotosFs.Originals;

namespace GPhotosFs.Google;

/// <summary>
/// Which items of a source follow a given one in the mounted tree (folder by folder, names in
/// order: how rsync and cp walk it). Assigned paths never change, so the order is rebuilt only
/// when asked about an item it does not know (a new one), at most every few seconds — not on
/// every catalog change: each cached download records facts and so changes the catalog.
/// </summary>
public sealed class CatalogNeighbors(LibraryCatalog catalog, long sourceId)
{
    private static readonly TimeSpan RebuildAtMost = TimeSpan.FromSeconds(10);
    private readonly object _lock = new();
    private readonly Stopwatch _sinceBuild = new();
    private long[] _order = [];
    private Dictionary<long, int> _position = [];

    public IEnumerable<string> After(OriginalKey key, int count)
    {
        long[] order;
        int start;
        lock (_lock)
        {
            if (!_position.TryGetValue(key.ItemId, out start))
            {
                if (_sinceBuild.IsRunning && _sinceBuild.Elapsed < RebuildAtMost)
                {
                    return [];
                }

                Rebuild();
                if (!_position.TryGetValue(key.ItemId, out start))
                {
                    return [];
                }
            }

            order = _order;
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

    private void Rebuild()
    {
        _order = catalog.ReadTreeItems()
            .OrderBy(i => i.DirPath, StringComparer.Ordinal).ThenBy(i => i.Name, StringComparer.Ordinal)
            .Select(i => i.Id).ToArray();
        _position = new Dictionary<long, int>(_order.Length);
        for (var i = 0; i < _order.Length; i++) _position[_order[i]] = i;
        _sinceBuild.Restart();
    }
}
