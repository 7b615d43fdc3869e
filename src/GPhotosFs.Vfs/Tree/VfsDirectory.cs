namespace GPhotosFs.Vfs.Tree;

/// <summary>A folder. Children are sorted by their UTF-8 bytes, which gives both a stable readdir order and binary-search lookups without a per-folder hash table.</summary>
public sealed class VfsDirectory : VfsNode
{
    private VfsNode[] _children = [];

    internal VfsDirectory(ulong ino, NameBytes name, ulong parentIno)
        : base(name, 0)
    {
        Ino = ino;
        ParentIno = parentIno;
    }

    public override ulong Ino { get; }

    public ulong ParentIno { get; }

    public IReadOnlyList<VfsNode> Children => _children;

    public int SubdirectoryCount { get; private set; }

    public VfsNode? Find(ReadOnlySpan<byte> name)
    {
        int lo = 0, hi = _children.Length - 1;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            var c = _children[mid].Name.SequenceCompareTo(name);
            if (c == 0)
            {
                return _children[mid];
            }

            if (c < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return null;
    }

    internal void SetChildren(List<VfsNode> children)
    {
        children.Sort(static (a, b) => a.Name.SequenceCompareTo(b.Name));
        for (var i = 1; i < children.Count; i++)
        {
            if (children[i - 1].Name.SequenceEqual(children[i].Name))
            {
                throw new InvalidOperationException($"Two entries named '{children[i].NameText}' in one folder.");
            }
        }

        _children = [.. children];
        for (var i = 0; i < _children.Length; i++)
        {
            if (_children[i] is VfsFile file)
            {
                file.ParentIno = Ino;
                file.IndexInParent = i;
            }
        }

        var subdirectories = 0;
        var newest = long.MinValue;
        foreach (var child in _children)
        {
            subdirectories += child is VfsDirectory ? 1 : 0;
            newest = Math.Max(newest, child.ModifiedUnixMs);
        }

        SubdirectoryCount = subdirectories;
        ModifiedUnixMs = _children.Length == 0 ? 0 : newest;
    }
}
