using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace GPhotosFs.Tests.Shared.Time;

/// <summary>
/// A fake clock that records every wait started on it, so a test can first wait for the code under
/// test to start waiting, then move time by hand and see exactly when it goes on. With
/// <see cref="AdvanceOnWait"/> it becomes virtual time: each wait moves the clock to its end at once,
/// so elapsed time measured on this clock is exactly what the code waited, however loaded the machine.
/// </summary>
public sealed class ObservedClock : FakeTimeProvider
{
    private readonly object _gate = new();

    public ObservedClock()
        : base(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero))
    {
    }

    /// <summary>Move the clock to the end of every wait as soon as it starts (virtual time).</summary>
    public bool AdvanceOnWait { get; init; }

    /// <summary>The due time of every timer created on this clock (Task.Delay, CancelAfter, Polly's waits), in order.</summary>
    public ConcurrentQueue<TimeSpan> WaitsStarted { get; } = new();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        WaitsStarted.Enqueue(dueTime);
        if (AdvanceOnWait && dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
        {
            var due = GetUtcNow() + dueTime;
            // Not inline: the timer's owner has not stored it yet, and callbacks fire inside SetUtcNow.
            ThreadPool.UnsafeQueueUserWorkItem(_ =>
            {
                lock (_gate)
                {
                    if (GetUtcNow() < due)
                    {
                        SetUtcNow(due);
                    }
                }
            }, null);
        }

        return timer;
    }

    /// <summary>Polls (real time, generous timeout) until a wait has started on this clock; true if one did.</summary>
    public async Task<bool> WaitForWaitAsync(Func<TimeSpan, bool> matching, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (WaitsStarted.Any(matching))
            {
                return true;
            }

            await Task.Delay(10);
        }

        return WaitsStarted.Any(matching);
    }
}
