namespace GPhotosFs.WebEmulator;

/// <summary>Failures to inject into the running emulator; change them at any time, from any thread.</summary>
public sealed class WebFaults
{
    private int _droppedKeys;
    private int _sessionPagesLeft = -1;
    private readonly object _lock = new();
    private List<(string From, string To)> _renames = [];
    private int _hungPages;
    private readonly Dictionary<string, int> _hungTabs = [];
    private readonly Dictionary<string, int> _stalledDownloads = [];
    private readonly Dictionary<string, (int Pieces, TimeSpan Pause)> _throttledDownloads = [];

    /// <summary>Every HTML page answers this much later (a slow page).</summary>
    public TimeSpan PageDelay { get; set; }

    /// <summary>The next <paramref name="count"/> HTML pages never finish: the request stays unanswered until the browser gives up on it.</summary>
    public void HangPages(int count) => Volatile.Write(ref _hungPages, count);

    internal bool TakeHungPage() => Take(ref _hungPages);

    /// <summary>
    /// The next <paramref name="times"/> visits of the item page <c>/photo/ID</c> hang the tab: the page
    /// loads, then its script spins forever, so the renderer answers nothing more (a reload in the same
    /// renderer may hang too; a new browser does not).
    /// </summary>
    public void HangTab(string itemId, int times)
    {
        lock (_lock) _hungTabs[itemId] = times;
    }

    internal bool TakeHungTab(string itemId) => TakeOne(_hungTabs, itemId);

    /// <summary>
    /// The next <paramref name="times"/> downloads of item <paramref name="itemId"/> stall: the answer
    /// sends its headers and half of the bytes, then nothing more, holding the connection open until
    /// the browser gives up on it.
    /// </summary>
    public void StallDownload(string itemId, int times)
    {
        lock (_lock) _stalledDownloads[itemId] = times;
    }

    internal bool TakeStalledDownload(string itemId) => TakeOne(_stalledDownloads, itemId);

    /// <summary>Uses up one of the faults counted for <paramref name="itemId"/>; false when none is left.</summary>
    private bool TakeOne(Dictionary<string, int> counts, string itemId)
    {
        lock (_lock)
        {
            if (!counts.TryGetValue(itemId, out var left) || left <= 0) return false;
            counts[itemId] = left - 1;
            return true;
        }
    }

    /// <summary>
    /// Every download of item <paramref name="itemId"/> is slow but keeps going: its bytes come in
    /// <paramref name="pieces"/> pieces with <paramref name="pause"/> between them (a large video on a slow line).
    /// </summary>
    public void ThrottleDownload(string itemId, int pieces, TimeSpan pause)
    {
        lock (_lock) _throttledDownloads[itemId] = (pieces, pause);
    }

    internal (int Pieces, TimeSpan Pause)? DownloadThrottle(string itemId)
    {
        lock (_lock) return _throttledDownloads.TryGetValue(itemId, out var throttle) ? throttle : null;
    }

    /// <summary>The next <paramref name="count"/> Shift+D presses on item pages are lost (the page ignores them).</summary>
    public void DropKeyPresses(int count) => Volatile.Write(ref _droppedKeys, count);

    internal bool TakeDroppedKey() => Take(ref _droppedKeys);

    private static bool Take(ref int counter)
    {
        while (true)
        {
            var left = Volatile.Read(ref counter);
            if (left <= 0) return false;
            if (Interlocked.CompareExchange(ref counter, left - 1, left) == left) return true;
        }
    }

    /// <summary>The session expires (every cookie is signed out) after <paramref name="pages"/> more item pages.</summary>
    public void ExpireSessionAfter(int pages) => Volatile.Write(ref _sessionPagesLeft, pages);

    /// <summary>Counts an item page; true when the session just expired.</summary>
    internal bool ItemPageServed()
    {
        while (true)
        {
            var left = Volatile.Read(ref _sessionPagesLeft);
            if (left < 0) return false;
            if (Interlocked.CompareExchange(ref _sessionPagesLeft, left - 1, left) == left) return left == 0;
        }
    }

    /// <summary>Google renames a label: every page and grid answer says <paramref name="to"/> where it said <paramref name="from"/>.</summary>
    public void RenameLabel(string from, string to)
    {
        lock (_lock) _renames = [.. _renames, (from, to)];
    }

    public void ClearRenames()
    {
        lock (_lock) _renames = [];
    }

    internal string Apply(string text)
    {
        List<(string From, string To)> renames;
        lock (_lock) renames = _renames;
        foreach (var (from, to) in renames) text = text.Replace(from, to, StringComparison.Ordinal);
        return text;
    }
}
