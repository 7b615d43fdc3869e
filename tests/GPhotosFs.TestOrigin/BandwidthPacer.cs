namespace GPhotosFs.TestOrigin;

/// <summary>
/// A token bucket for one response: tokens arrive at the capped rate and the bucket holds one chunk (about
/// 20 ms worth), so the body flows smoothly in small writes instead of in one burst per second, and a pause
/// (a stall, a slow reader) does not bank credit for a burst afterwards.
/// </summary>
internal sealed class BandwidthPacer
{
    private readonly long _bytesPerSecond;
    private readonly TimeProvider _time;
    private double _tokens;
    private long _refilledAt;

    public BandwidthPacer(long bytesPerSecond, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bytesPerSecond);
        _bytesPerSecond = bytesPerSecond;
        _time = time;
        _refilledAt = time.GetTimestamp();
        ChunkSize = (int)Math.Clamp(bytesPerSecond / 50, 1, 1 << 20);
        _tokens = ChunkSize; // the first chunk goes at once, as a real link would send it
    }

    /// <summary>The largest write this pacer allows at once, which is also the bucket's capacity.</summary>
    public int ChunkSize { get; }

    /// <summary>Waits until <paramref name="count"/> (at most <see cref="ChunkSize"/>) bytes may go, and takes their tokens.</summary>
    public async ValueTask WaitAsync(int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, ChunkSize);
        while (true)
        {
            var now = _time.GetTimestamp();
            _tokens = Math.Min(ChunkSize, _tokens + _time.GetElapsedTime(_refilledAt, now).TotalSeconds * _bytesPerSecond);
            _refilledAt = now;
            if (_tokens >= count) break;
            // Loop rather than trust the delay: a timer firing early must not let the rate exceed the cap.
            var wait = TimeSpan.FromSeconds((count - _tokens) / _bytesPerSecond);
            await Task.Delay(wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait, _time, cancellationToken);
        }
        _tokens -= count;
    }
}
