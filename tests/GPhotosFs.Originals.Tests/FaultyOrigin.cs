using System.Collections.Concurrent;

namespace GPhotosFs.Originals.Tests;

/// <summary>
/// An in-memory origin that can fail on purpose: scripted faults for the next requests, a fault
/// rate (deterministic: every n-th request), latency, and bodies cut short, broken or stalled. It records every range asked for.
/// </summary>
internal sealed class FaultyOrigin : IOriginOpener
{
    private readonly ConcurrentDictionary<string, byte[]> _blobs = new();
    private readonly ConcurrentQueue<Fault> _scripted = new();
    private long _drawn;
    private int _kind;

    public ConcurrentQueue<(string Id, long Offset, long? Length)> Requests { get; } = new();

    public double FaultRate { get; set; }

    public int InjectedFaults;

    public long BytesServed;

    public TimeSpan Latency { get; set; }

    /// <summary>Bytes per read of the body stream (smaller = more, smaller chunks).</summary>
    public int BodyChunk { get; set; } = 64 * 1024;

    /// <summary>While set, requests hang until released.</summary>
    public TaskCompletionSource? Gate { get; set; }

    public void Add(string id, byte[] content) => _blobs[id] = content;

    public byte[] Blob(string id) => _blobs[id];

    private readonly ConcurrentDictionary<string, long> _servedById = new();

    /// <summary>Body bytes handed to the engine for one item, over all its requests.</summary>
    public long BytesServedFor(string id) => _servedById.GetValueOrDefault(id);

    public void FailNext(params Fault[] faults)
    {
        foreach (var f in faults)
        {
            _scripted.Enqueue(f);
        }
    }

    public async Task<OriginResponse> OpenRangeAsync(OriginalKey key, long offset, long? length, CancellationToken cancellationToken)
    {
        Requests.Enqueue((key.SourceItemId, offset, length));
        if (Latency > TimeSpan.Zero)
        {
            await Task.Delay(Latency, cancellationToken);
        }

        if (Gate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        var blob = _blobs.TryGetValue(key.SourceItemId, out var b) ? b : throw new OriginException(OriginFailureKind.Permanent, $"no such item {key.SourceItemId}");
        var count = (int)Math.Min(length ?? long.MaxValue, blob.Length - offset);
        var fault = NextFault();
        switch (fault)
        {
            case Fault.ServerError:
                throw new OriginException(OriginFailureKind.Transient, "HTTP 503");
            case Fault.Throttled:
                throw new OriginException(OriginFailureKind.Throttled, "HTTP 429", TimeSpan.FromMilliseconds(10));
            case Fault.Quota:
                throw new OriginException(OriginFailureKind.QuotaExhausted, "quota used up");
            case Fault.Expired:
                throw new OriginException(OriginFailureKind.Expired, "HTTP 403");
        }

        var body = new ChunkedStream(blob, (int)offset, count, BodyChunk, fault, n =>
        {
            Interlocked.Add(ref BytesServed, n);
            _servedById.AddOrUpdate(key.SourceItemId, n, (_, v) => v + n);
        });
        return new OriginResponse(body, offset, blob.Length);
    }

    private Fault NextFault()
    {
        var fault = DrawFault();
        if (fault != Fault.None)
        {
            Interlocked.Increment(ref InjectedFaults);
        }

        return fault;
    }

    private Fault DrawFault()
    {
        if (_scripted.TryDequeue(out var scripted))
        {
            return scripted;
        }

        // Deterministic: with a rate of 1/n, every n-th request fails, cycling through the kinds.
        var index = Interlocked.Increment(ref _drawn);
        if (FaultRate <= 0 || index % Math.Max(1, (int)Math.Round(1 / FaultRate)) != 0)
        {
            return Fault.None;
        }

        return (Fault)(1 + (Interlocked.Increment(ref _kind) % 5)); // ServerError, Throttled, Expired, Truncate, Reset
    }

    public enum Fault
    {
        None,
        ServerError,
        Throttled,
        Expired,
        Truncate,
        Reset,
        Quota,
        Stall,
    }

    /// <summary>A body that hands out small chunks and can end early, break, or stall.</summary>
    private sealed class ChunkedStream(byte[] blob, int offset, int count, int chunk, Fault fault, Action<int> served) : Stream
    {
        private int _sent;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => count;
        public override long Position { get => _sent; set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_sent >= count / 2 && fault != Fault.None)
            {
                switch (fault)
                {
                    case Fault.Truncate:
                        return 0;
                    case Fault.Reset:
                        throw new IOException("connection reset by peer");
                    case Fault.Stall:
                        await Task.Delay(Timeout.Infinite, cancellationToken);
                        break;
                }
            }

            await Task.Yield();
            var n = Math.Min(Math.Min(buffer.Length, chunk), count - _sent);
            blob.AsSpan(offset + _sent, n).CopyTo(buffer.Span);
            _sent += n;
            served(n);
            return n;
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
