namespace GPhotosFs.Vfs.Tree;

/// <summary>
/// A tree's files by item id. Catalog ids are allocated in sequence, so they are mostly dense: then a
/// plain array indexed by id costs 8 bytes per item where a dictionary costs ~40 (entry, bucket and
/// growth slack). Sparse ids (many deleted items) fall back to a dictionary.
/// </summary>
internal sealed class ItemIndex
{
    private readonly VfsFile?[] _byId = [];
    private readonly long _firstId;
    private readonly Dictionary<long, VfsFile>? _sparse;

    public ItemIndex(IReadOnlyList<VfsFile> files)
    {
        Count = files.Count;
        if (files.Count == 0)
        {
            return;
        }

        long min = long.MaxValue, max = long.MinValue;
        foreach (var file in files)
        {
            min = Math.Min(min, file.ItemId);
            max = Math.Max(max, file.ItemId);
        }

        // Dense enough when the array has at most two slots per file (plus a little for small trees).
        if (max - min < (2L * files.Count) + 1024)
        {
            _firstId = min;
            _byId = new VfsFile?[max - min + 1];
            foreach (var file in files)
            {
                _byId[file.ItemId - min] = file;
            }
        }
        else
        {
            _sparse = new Dictionary<long, VfsFile>(files.Count);
            foreach (var file in files)
            {
                _sparse.Add(file.ItemId, file);
            }
        }
    }

    public int Count { get; }

    public VfsFile? Get(long itemId)
    {
        if (_sparse is not null)
        {
            return _sparse.GetValueOrDefault(itemId);
        }

        var slot = itemId - _firstId;
        return (ulong)slot < (ulong)_byId.Length ? _byId[slot] : null;
    }
}
