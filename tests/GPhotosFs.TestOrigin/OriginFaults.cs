namespace GPhotosFs.TestOrigin;

/// <summary>
/// The misbehaviour of the origin, changeable while it runs (thread-safe). Everything is off by default.
/// Random decisions come from a seeded <see cref="Random"/>, so the same requests in the same order meet
/// the same faults on every run.
/// </summary>
public sealed class OriginFaults
{
    private static readonly IReadOnlyDictionary<OriginFaultKind, double> DefaultMix = new Dictionary<OriginFaultKind, double>
    {
        [OriginFaultKind.InternalServerError] = 1,
        [OriginFaultKind.BadGateway] = 1,
        [OriginFaultKind.ServiceUnavailable] = 1,
        [OriginFaultKind.TooManyRequests] = 1,
        [OriginFaultKind.ConnectionReset] = 1,
        [OriginFaultKind.TruncatedBody] = 1,
        [OriginFaultKind.Stall] = 1,
    }.AsReadOnly();

    // One lock for all of it: a request takes it a couple of times, which is nothing next to an HTTP exchange,
    // and it keeps a consistent view when a test changes several settings at once.
    private readonly Lock _lock = new();
    private readonly Queue<OriginFaultKind> _injected = new();
    private Random _random;
    private TimeSpan _latency;
    private long _bandwidth;
    private double _faultRate;
    private IReadOnlyDictionary<OriginFaultKind, double> _mix = DefaultMix;
    private TimeSpan _retryAfter = TimeSpan.FromSeconds(1);
    private TimeSpan _stallDuration = TimeSpan.FromSeconds(30);
    private double _bodyFaultAt = 0.5;
    private long? _dailyQuota;
    private long _quotaUsed;
    private int _urlGeneration;

    internal OriginFaults(int seed) => _random = new Random(seed);

    /// <summary>Delay before the first byte of every answer, errors included (a real round trip plus server time).</summary>
    public TimeSpan Latency
    {
        get { lock (_lock) return _latency; }
        set { ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero); lock (_lock) _latency = value; }
    }

    /// <summary>Cap on each response's body rate in bytes per second; 0 (the default) means as fast as loopback goes.</summary>
    public long BandwidthBytesPerSecond
    {
        get { lock (_lock) return _bandwidth; }
        set { ArgumentOutOfRangeException.ThrowIfNegative(value); lock (_lock) _bandwidth = value; }
    }

    /// <summary>Share (0..1) of otherwise successful requests that meet a fault drawn from <see cref="FaultMix"/>.</summary>
    public double FaultRate
    {
        get { lock (_lock) return _faultRate; }
        set
        {
            if (!(value is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(value), value, "must be 0..1");
            lock (_lock) _faultRate = value;
        }
    }

    /// <summary>Relative weights of the fault kinds that <see cref="FaultRate"/> draws from; by default every kind but <see cref="OriginFaultKind.QuotaExceeded"/>, equally.</summary>
    public IReadOnlyDictionary<OriginFaultKind, double> FaultMix
    {
        get { lock (_lock) return _mix; }
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value.Any(kv => kv.Key == OriginFaultKind.None || !Enum.IsDefined(kv.Key) || !(kv.Value >= 0) || double.IsInfinity(kv.Value)))
                throw new ArgumentException("weights must be finite, non-negative, and for real fault kinds", nameof(value));
            if (value.Values.Sum() <= 0) throw new ArgumentException("at least one weight must be positive", nameof(value));
            var copy = new Dictionary<OriginFaultKind, double>(value).AsReadOnly(); // the caller may go on changing theirs
            lock (_lock) _mix = copy;
        }
    }

    /// <summary>Value of <c>Retry-After</c> on <see cref="OriginFaultKind.TooManyRequests"/>, sent in whole seconds (rounded up).</summary>
    public TimeSpan RetryAfter
    {
        get { lock (_lock) return _retryAfter; }
        set { ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero); lock (_lock) _retryAfter = value; }
    }

    /// <summary>How long a <see cref="OriginFaultKind.Stall"/> sends nothing before resuming: shorter than a client's timeout it is a hiccup, longer it is a hang.</summary>
    public TimeSpan StallDuration
    {
        get { lock (_lock) return _stallDuration; }
        set { ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero); lock (_lock) _stallDuration = value; }
    }

    /// <summary>Share (0..1) of the body sent before a reset, truncation or stall strikes; 0.5 by default so the client has seen data arrive.</summary>
    public double BodyFaultAt
    {
        get { lock (_lock) return _bodyFaultAt; }
        set
        {
            if (!(value is >= 0 and < 1)) throw new ArgumentOutOfRangeException(nameof(value), value, "must be at least 0 and below 1");
            lock (_lock) _bodyFaultAt = value;
        }
    }

    /// <summary>
    /// Emulates Google's daily request quota: once this many requests have been counted, every request answers 429
    /// RESOURCE_EXHAUSTED without Retry-After until <see cref="ResetQuota"/> ("the next day"). Null: no quota.
    /// </summary>
    public long? DailyQuota
    {
        get { lock (_lock) return _dailyQuota; }
        set { if (value is < 0) throw new ArgumentOutOfRangeException(nameof(value), value, "must not be negative"); lock (_lock) _dailyQuota = value; }
    }

    /// <summary>Requests counted against <see cref="DailyQuota"/> since the last <see cref="ResetQuota"/> (every request counts, as with Google).</summary>
    public long QuotaUsed { get { lock (_lock) return _quotaUsed; } }

    /// <summary>Starts a new quota day.</summary>
    public void ResetQuota() { lock (_lock) _quotaUsed = 0; }

    /// <summary>
    /// The next <paramref name="count"/> otherwise successful requests meet <paramref name="kind"/>, whatever
    /// <see cref="FaultRate"/> says; for deterministic tests. Calls queue up in order.
    /// </summary>
    public void InjectNext(OriginFaultKind kind, int count = 1)
    {
        if (kind == OriginFaultKind.None || !Enum.IsDefined(kind)) throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a fault");
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_lock) for (var i = 0; i < count; i++) _injected.Enqueue(kind);
    }

    /// <summary>How many injected faults are still waiting for a request.</summary>
    public int PendingInjected { get { lock (_lock) return _injected.Count; } }

    /// <summary>Every URL issued so far stops working (as when Google's baseUrls expire); URLs issued afterwards work.</summary>
    public void ExpireAllUrlsNow() { lock (_lock) _urlGeneration++; }

    /// <summary>Restarts the random source, to replay a sequence of decisions.</summary>
    public void Reseed(int seed) { lock (_lock) _random = new Random(seed); }

    /// <summary>Turns everything off again (latency, bandwidth, faults, injected faults, quota). Expired URLs stay expired.</summary>
    public void Reset()
    {
        lock (_lock)
        {
            _injected.Clear();
            _latency = TimeSpan.Zero;
            _bandwidth = 0;
            _faultRate = 0;
            _mix = DefaultMix;
            _retryAfter = TimeSpan.FromSeconds(1);
            _stallDuration = TimeSpan.FromSeconds(30);
            _bodyFaultAt = 0.5;
            _dailyQuota = null;
            _quotaUsed = 0;
        }
    }

    internal int UrlGeneration { get { lock (_lock) return _urlGeneration; } }

    /// <summary>The settings one request works with, taken once so a test changing them mid-response cannot tear a response.</summary>
    internal FaultSnapshot Snapshot()
    {
        lock (_lock) return new FaultSnapshot(_latency, _bandwidth, _retryAfter, _stallDuration, _bodyFaultAt);
    }

    /// <summary>Counts one request against the quota; true when it is over.</summary>
    internal bool CountAgainstQuota()
    {
        lock (_lock) return ++_quotaUsed > _dailyQuota;
    }

    /// <summary>The fault for a request that would otherwise succeed: an injected one first, else a seeded draw.</summary>
    internal OriginFaultKind Draw()
    {
        lock (_lock)
        {
            if (_injected.TryDequeue(out var injected)) return injected;
            // No draw at rate 0, so turning faults on later does not depend on how many clean requests came before.
            if (_faultRate <= 0 || _random.NextDouble() >= _faultRate) return OriginFaultKind.None;
            var total = _mix.Values.Sum();
            var pick = _random.NextDouble() * total;
            // Dictionary order is insertion order here (never removed from), so the pick is reproducible.
            foreach (var (kind, weight) in _mix)
            {
                if (pick < weight) return kind;
                pick -= weight;
            }
            return _mix.Last(kv => kv.Value > 0).Key; // rounding left pick just past the end
        }
    }
}
