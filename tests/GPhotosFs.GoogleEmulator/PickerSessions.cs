using System.Collections.Concurrent;

namespace GPhotosFs.GoogleEmulator;

/// <summary>Picker API sessions: created by the app, completed by the user in the picker page, deleted by the app.</summary>
public sealed class PickerSessions(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, PickerSession> _sessions = new();

    public int Count => _sessions.Count;

    public IReadOnlyCollection<string> Ids => _sessions.Keys.ToList();

    internal PickerSession Create(int maxItems, TimeSpan timeout)
    {
        var session = new PickerSession(Guid.NewGuid().ToString("D"), time.GetUtcNow() + timeout, maxItems);
        _sessions[session.Id] = session;
        return session;
    }

    internal PickerSession? Get(string id) =>
        _sessions.TryGetValue(id, out var session) && session.Expires > time.GetUtcNow() ? session : null;

    internal bool Delete(string id) => _sessions.TryRemove(id, out _);

    /// <summary>Plays the user: picks these items and presses Done.</summary>
    public bool Pick(string id, IReadOnlyList<int> itemIndexes)
    {
        if (Get(id) is not { } session) return false;
        session.Picked = itemIndexes.Take(session.MaxItems).ToList();
        return true;
    }
}

internal sealed class PickerSession(string id, DateTimeOffset expires, int maxItems)
{
    public string Id { get; } = id;

    public DateTimeOffset Expires { get; } = expires;

    public int MaxItems { get; } = maxItems;

    public volatile IReadOnlyList<int>? Picked;
}
