namespace GPhotosFs.WebEmulator;

/// <summary>Failures to inject into the running emulator; change them at any time, from any thread.</summary>
public sealed class WebFaults
{
    private int _droppedKeys;
    private int _sessionPagesLeft = -1;
    private readonly object _lock = new();
    private List<(string From, string To)> _renames = [];

    /// <summary>Every HTML page answers this much later (a slow page).</summary>
    public TimeSpan PageDelay { get; set; }

    /// <summary>The next <paramref name="count"/> Shift+D presses on item pages are lost (the page ignores them).</summary>
    public void DropKeyPresses(int count) => Volatile.Write(ref _droppedKeys, count);

    internal bool TakeDroppedKey()
    {
        while (true)
        {
            var left = Volatile.Read(ref _droppedKeys);
            if (left <= 0) return false;
            if (Interlocked.CompareExchange(ref _droppedKeys, left - 1, left) == left) return true;
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
