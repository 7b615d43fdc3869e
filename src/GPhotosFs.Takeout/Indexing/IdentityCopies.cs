namespace GPhotosFs.Takeout.Indexing;

/// <summary>
/// An export's items grouped by identity without a list per identity: the first copy of each
/// identity, in item order, and for each item the next copy of its identity (-1 for none), so a
/// million items cost two integers each rather than a list each.
/// </summary>
internal sealed class IdentityCopies
{
    private IdentityCopies(List<int> firsts, int[] next)
    {
        Firsts = firsts;
        Next = next;
    }

    /// <summary>The index of each identity's first copy, in the order the identities are first met.</summary>
    public List<int> Firsts { get; }

    /// <summary>By item index: the index of the next copy of the same identity, or -1.</summary>
    public int[] Next { get; }

    public static IdentityCopies Of(IReadOnlyList<TakeoutItem?> items)
    {
        var firstOf = new Dictionary<string, int>(items.Count, StringComparer.Ordinal);
        var firsts = new List<int>(items.Count);
        var next = new int[items.Count];
        var lastOfFirst = new int[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            next[i] = -1;
            if (firstOf.TryGetValue(items[i]!.Identity, out var first))
            {
                next[lastOfFirst[first]] = i;
                lastOfFirst[first] = i;
            }
            else
            {
                firstOf.Add(items[i]!.Identity, i);
                firsts.Add(i);
                lastOfFirst[i] = i;
            }
        }

        return new IdentityCopies(firsts, next);
    }
}
