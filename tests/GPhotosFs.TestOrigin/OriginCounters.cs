namespace GPhotosFs.TestOrigin;

/// <summary>
/// What the origin has answered, for assertions and benchmark reports (thread-safe). A request is counted
/// when its status is decided, before anything is sent, so a client that has its answer always finds it counted.
/// </summary>
public sealed class OriginCounters
{
    private readonly Lock _lock = new();
    private readonly int _logCapacity;
    private readonly Queue<OriginRequestRecord> _log = new();
    private readonly Dictionary<int, long> _byStatus = [];
    private readonly Dictionary<string, long> _byBlob = new(StringComparer.Ordinal);
    private readonly Dictionary<OriginFaultKind, long> _byFault = [];
    private long _sequence;
    private long _total;
    private long _rangeRequests;
    private long _bytesSent;
    private long _inProgress;

    internal OriginCounters(int logCapacity) => _logCapacity = logCapacity;

    public long TotalRequests { get { lock (_lock) return _total; } }

    /// <summary>Requests answered 206 (a range was asked for and served).</summary>
    public long RangeRequests { get { lock (_lock) return _rangeRequests; } }

    /// <summary>Body bytes handed to connections, all responses together.</summary>
    public long BytesSent => Interlocked.Read(ref _bytesSent);

    /// <summary>Requests being answered now (a body still streaming counts), so a test can wait for the origin to go quiet instead of sleeping.</summary>
    public long InProgress => Interlocked.Read(ref _inProgress);

    public IReadOnlyDictionary<int, long> ByStatus { get { lock (_lock) return new Dictionary<int, long>(_byStatus); } }

    /// <summary>Requests per blob id asked for, whether or not it exists.</summary>
    public IReadOnlyDictionary<string, long> ByBlob { get { lock (_lock) return new Dictionary<string, long>(_byBlob, StringComparer.Ordinal); } }

    /// <summary>Requests per fault met (<see cref="OriginFaultKind.None"/> not included).</summary>
    public IReadOnlyDictionary<OriginFaultKind, long> ByFault { get { lock (_lock) return new Dictionary<OriginFaultKind, long>(_byFault); } }

    public long CountFor(int status) { lock (_lock) return _byStatus.GetValueOrDefault(status); }

    public long RequestsFor(string id) { lock (_lock) return _byBlob.GetValueOrDefault(id); }

    public long CountFor(OriginFaultKind fault) { lock (_lock) return _byFault.GetValueOrDefault(fault); }

    /// <summary>The most recent requests in arrival order (up to <see cref="OriginOptions.RequestLogCapacity"/>).</summary>
    public IReadOnlyList<OriginRequestRecord> Log { get { lock (_lock) return [.. _log]; } }

    public void Reset()
    {
        lock (_lock)
        {
            _log.Clear();
            _byStatus.Clear();
            _byBlob.Clear();
            _byFault.Clear();
            _total = 0;
            _rangeRequests = 0;
            Interlocked.Exchange(ref _bytesSent, 0);
        }
    }

    internal OriginRequestRecord Record(string method, string? id, string? rangeHeader, ByteRange? range, int status, OriginFaultKind fault)
    {
        lock (_lock)
        {
            var record = new OriginRequestRecord(++_sequence, method, id, rangeHeader, range, status, fault);
            _total++;
            _byStatus[status] = _byStatus.GetValueOrDefault(status) + 1;
            if (id is not null) _byBlob[id] = _byBlob.GetValueOrDefault(id) + 1;
            if (fault != OriginFaultKind.None) _byFault[fault] = _byFault.GetValueOrDefault(fault) + 1;
            if (status == 206) _rangeRequests++;
            if (_logCapacity > 0)
            {
                if (_log.Count == _logCapacity) _log.Dequeue();
                _log.Enqueue(record);
            }
            return record;
        }
    }

    internal void Started() => Interlocked.Increment(ref _inProgress);

    internal void Finished() => Interlocked.Decrement(ref _inProgress);

    internal void AddBytesSent(OriginRequestRecord record, long count)
    {
        record.AddBytesSent(count);
        Interlocked.Add(ref _bytesSent, count);
    }
}
