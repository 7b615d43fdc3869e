namespace GPhotosFs.Takeout.Indexing;

/// <summary>
/// Full collections for a large `takeout add`, only where they pay. Indexing a million items makes
/// garbage that outlives the young generations (the parts' member lists, sidecar parse trees, items
/// whose records are stored): the GC leaves it in the oldest generation until that generation's own
/// budget runs out, by which time the process holds several times what is live. Collecting at fixed
/// counts kept the peak down but cost a third of the run; here a full collection runs only once the
/// heap (live data and uncollected garbage) has grown by a sixteenth of what the last one left live (and
/// at least <see cref="MinimumGrowth"/>, so small exports never collect), or where
/// the caller has just let go of most of the heap (<see cref="Collect"/>). Compacting, but not
/// aggressive: the freed memory stays committed for what comes next instead of being returned and
/// faulted in again. At a million items (quiet machine, <c>/usr/bin/time -v gphotosfs takeout add</c>
/// of <c>takeout sample --items 1000000 --parts 20</c>): a quarter (at least 128 MiB) peaked at
/// 1,055-1,102 MB in 65-71 s, a sixteenth (at least 64 MiB) at 962-971 MB in 65-66 s.
/// </summary>
public sealed class HeapGrowthCollector
{
    /// <summary>Growth below which no collection is forced: the GC's own budgets handle small heaps.</summary>
    private const long MinimumGrowth = 64L * 1024 * 1024;

    private readonly Lock _lock = new();
    private long _liveAfterLast = GC.GetTotalMemory(forceFullCollection: false);

    /// <summary>How many full collections this collector forced (for tests and measurements).</summary>
    public int Collections { get; private set; }

    /// <summary>Collects in full when the heap has grown past the allowance since the last full collection (cheap otherwise: one heap-size read).</summary>
    public void CollectIfGrown()
    {
        var heap = GC.GetTotalMemory(forceFullCollection: false);
        var allowance = Math.Max(MinimumGrowth, Volatile.Read(ref _liveAfterLast) / 16);
        if (heap - Volatile.Read(ref _liveAfterLast) > allowance)
        {
            Collect();
        }
    }

    /// <summary>Collects in full now (unless the heap is small): the caller just let go of most of what the heap holds.</summary>
    public void Collect()
    {
        if (GC.GetTotalMemory(forceFullCollection: false) < MinimumGrowth)
        {
            return;
        }

        lock (_lock)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            Volatile.Write(ref _liveAfterLast, GC.GetTotalMemory(forceFullCollection: false));
            Collections++;
        }
    }
}
