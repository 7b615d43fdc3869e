namespace GPhotosFs.WebEmulator;

/// <summary>What the emulator served, for tests and bench scripts.</summary>
public sealed class WebCounters
{
    private long _downloads;
    private long _itemPages;
    private long _gridLoads;

    public long Downloads => Interlocked.Read(ref _downloads);

    public long ItemPages => Interlocked.Read(ref _itemPages);

    public long GridLoads => Interlocked.Read(ref _gridLoads);

    /// <summary>Item ids downloaded, in order.</summary>
    public IReadOnlyList<string> DownloadedIds
    {
        get
        {
            lock (_ids) return [.. _ids];
        }
    }

    private readonly List<string> _ids = [];

    internal void Download(string id)
    {
        Interlocked.Increment(ref _downloads);
        lock (_ids) _ids.Add(id);
    }

    internal void ItemPage() => Interlocked.Increment(ref _itemPages);

    internal void GridLoad() => Interlocked.Increment(ref _gridLoads);
}
