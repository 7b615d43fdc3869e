namespace GPhotosFs.Vfs.Tree;

/// <summary>A folder. Children are sorted by their UTF-8 bytes, which gives both a stable readdir order and binary-search lookups without a per-folder hash table.</summary>
public sealed class VfsDirectory(ulong ino, byte[] name, ulong parentIno) : VfsNode(ino, name, 0)
{
    private VfsNode[] _children = [];

    public ulong ParentIno { get; } = parentIno;

    public IReadOnlyList<VfsNode> Children => _children;

    public int SubdirectoryCount { get; private set; }

    public VfsNode? Find(ReadOnlySpan<byte> name)
    {
        int lo = 0, hi = _children.Length - 1;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            var c = _children[mid].Name.AsSpan().SequenceCompareTo(name);
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
        children.Sort(static (a, b) => a.Name.AsSpan().SequenceCompareTo(b.Name));
        for (var i = 1; i < children.Count; i++)
        {
            if (children[i - 1].Name.AsSpan().SequenceEqual(children[i].Name))
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

        SubdirectoryCount = children.Count(c => c is VfsDirectory);
        ModifiedUnixMs = children.Count == 0 ? 0 : children.Max(c => c.ModifiedUnixMs);
    }
}
