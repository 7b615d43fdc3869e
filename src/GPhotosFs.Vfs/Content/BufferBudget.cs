namespace GPhotosFs.Vfs.Content;

/// <summary>What a buffer from <see cref="BufferBudget"/> is for.</summary>
public enum BufferUse
{
    /// <summary>A reply to a read: it may wait for a download, so it may not take the downloads' reserve.</summary>
    Read,

    /// <summary>A chunk on its way from the origin to the disk: waits for nothing but the network.</summary>
    Download,
}

/// <summary>
/// One budget for the byte buffers of reads and downloads across all open files (-o buffer_budget=):
/// the bytes held by buffers in use plus the idle ones kept for reuse never exceed it, so the budget,
/// not the number of files open or downloading, bounds this memory. A request that does not fit waits
/// until buffers come back. Buffers are pooled by size (powers of two from 64 KiB), so a steady
/// stream of reads allocates nothing.
/// </summary>
/// <remarks>
/// <para>No deadlock: a read may wait for a download to bring its bytes, and a download never waits
/// for a read while it holds a buffer (it rents one per chunk, after waiting for room). Reads may use
/// the budget less <see cref="DownloadReserveBytes"/>, so however many reads are waiting with their
/// buffers, a download can always get a chunk and make progress.</para>
/// <para>Locking: <c>_gate</c> guards the counters, the idle buffers and the waiters; it is a leaf
/// (nothing else is locked, awaited, logged or completed under it: waiters are completed after
/// leaving it).</para>
/// </remarks>
public sealed class BufferBudget
{
    public const long DefaultBytes = 32L << 20;

    /// <summary>The least budget: a few of the largest FUSE reads (1 MiB) beside the downloads' reserve.</summary>
    public const long MinimumBytes = 4L << 20;

    /// <summary>Bytes reads may never take, so downloads always find a chunk (four of 256 KiB).</summary>
    public const long DownloadReserveBytes = 1L << 20;

    private const int SmallestShift = 16; // 64 KiB
    private const int LargestShift = 24; // 16 MiB: more than any FUSE read (1 MiB) or chunk

    private readonly object _gate = new();
    private readonly Stack<byte[]>[] _idle = new Stack<byte[]>[LargestShift - SmallestShift + 1]; // GUARDED_BY(_gate)
    private readonly LinkedList<Waiter> _waiters = new(); // GUARDED_BY(_gate)
    private long _inUse; // GUARDED_BY(_gate)
    private long _idleBytes; // GUARDED_BY(_gate)
    private long _peak; // GUARDED_BY(_gate)

    public BufferBudget(long bytes = DefaultBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bytes, MinimumBytes);
        Bytes = bytes;
        for (var i = 0; i < _idle.Length; i++)
        {
            _idle[i] = new Stack<byte[]>();
        }
    }

    /// <summary>The budget in bytes.</summary>
    public long Bytes { get; }

    /// <summary>Bytes of the buffers rented and not returned.</summary>
    public long InUseBytes
    {
        get { lock (_gate) return _inUse; }
    }

    /// <summary>The most <see cref="InUseBytes"/> ever was.</summary>
    public long PeakInUseBytes
    {
        get { lock (_gate) return _peak; }
    }

    /// <summary>Bytes held at all: in use plus idle for reuse; never more than <see cref="Bytes"/>.</summary>
    public long HeldBytes
    {
        get { lock (_gate) return _inUse + _idleBytes; }
    }

    /// <summary>A buffer of at least <paramref name="size"/> bytes at once, or false when the budget has no room now.</summary>
    public bool TryRent(int size, BufferUse use, out byte[] buffer)
    {
        var shift = ShiftFor(size, use);
        lock (_gate)
        {
            if (_waiters.Count == 0 && TryTake(shift, use, out buffer))
            {
                return true;
            }
        }

        buffer = [];
        return false;
    }

    /// <summary>A buffer of at least <paramref name="size"/> bytes, waiting (in order) until the budget has room.</summary>
    public ValueTask<byte[]> RentAsync(int size, BufferUse use, CancellationToken cancellationToken)
    {
        var shift = ShiftFor(size, use);
        Waiter waiter;
        List<(Waiter, byte[])>? granted;
        lock (_gate)
        {
            if (_waiters.Count == 0 && TryTake(shift, use, out var buffer))
            {
                return ValueTask.FromResult(buffer);
            }

            // Queued, then served at once if it fits: reads waiting for room beyond the downloads'
            // reserve must not hold up a download that fits in it.
            waiter = new Waiter(shift, use);
            waiter.Node = _waiters.AddLast(waiter);
            granted = GrantWaiters();
        }

        Complete(granted);
        if (cancellationToken.CanBeCanceled && !waiter.Task.Task.IsCompleted)
        {
            waiter.Registration = cancellationToken.Register(() => Cancel(waiter, cancellationToken));
        }

        return new ValueTask<byte[]>(waiter.Task.Task);
    }

    /// <summary>Gives back a buffer from <see cref="TryRent"/> or <see cref="RentAsync"/>; it is kept for reuse.</summary>
    public void Return(byte[] buffer)
    {
        List<(Waiter Waiter, byte[] Buffer)>? granted;
        lock (_gate)
        {
            _inUse -= buffer.Length;
            if (_inUse < 0)
            {
                throw new InvalidOperationException("a buffer was returned to the budget twice or was not rented from it");
            }

            _idle[ShiftOf(buffer.Length) - SmallestShift].Push(buffer);
            _idleBytes += buffer.Length;
            granted = GrantWaiters();
        }

        Complete(granted);
    }

    private void Cancel(Waiter waiter, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (waiter.Node?.List is null)
            {
                return; // already granted
            }

            _waiters.Remove(waiter.Node);
            waiter.Node = null;
        }

        waiter.Registration.Dispose();
        waiter.Task.TrySetCanceled(cancellationToken);
        // The head may have been the one that did not fit; those behind it may now.
        List<(Waiter, byte[])>? granted;
        lock (_gate)
        {
            granted = GrantWaiters();
        }

        Complete(granted);
    }

    /// <summary>Hands buffers to the waiters that fit now, first come first served (a read that cannot take the reserve lets a download behind it go).</summary>
    private List<(Waiter, byte[])>? GrantWaiters()
    {
        List<(Waiter, byte[])>? granted = null;
        for (var node = _waiters.First; node is not null;)
        {
            var next = node.Next;
            if (TryTake(node.Value.Shift, node.Value.Use, out var buffer))
            {
                _waiters.Remove(node);
                node.Value.Node = null;
                (granted ??= []).Add((node.Value, buffer));
            }
            else if (node.Value.Use == BufferUse.Download)
            {
                break; // a download that does not fit: nothing smaller jumps the queue past it
            }

            node = next;
        }

        return granted;
    }

    private static void Complete(List<(Waiter Waiter, byte[] Buffer)>? granted)
    {
        if (granted is null)
        {
            return;
        }

        foreach (var (waiter, buffer) in granted)
        {
            waiter.Registration.Dispose();
            waiter.Task.TrySetResult(buffer);
        }
    }

    /// <summary>Takes an idle buffer of the size, or allocates one when the budget has room (dropping idle buffers of other sizes to make it).</summary>
    private bool TryTake(int shift, BufferUse use, out byte[] buffer)
    {
        var size = 1L << shift;
        var limit = use == BufferUse.Read ? Bytes - DownloadReserveBytes : Bytes;
        if (_inUse + size > limit)
        {
            buffer = [];
            return false;
        }

        var idle = _idle[shift - SmallestShift];
        if (idle.Count > 0)
        {
            buffer = idle.Pop();
            _idleBytes -= size;
        }
        else
        {
            for (var i = _idle.Length - 1; i >= 0 && _inUse + _idleBytes + size > Bytes; i--)
            {
                while (_idle[i].Count > 0 && _inUse + _idleBytes + size > Bytes)
                {
                    _idleBytes -= _idle[i].Pop().Length;
                }
            }

            buffer = GC.AllocateUninitializedArray<byte>((int)size);
        }

        _inUse += size;
        _peak = Math.Max(_peak, _inUse);
        return true;
    }

    private int ShiftFor(int size, BufferUse use)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        var shift = Math.Max(SmallestShift, ShiftOf(size));
        var limit = use == BufferUse.Read ? Bytes - DownloadReserveBytes : Bytes;
        if (shift > LargestShift || 1L << shift > limit)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, $"more than a buffer budget of {Bytes} bytes can ever hand out for a {use}");
        }

        return shift;
    }

    /// <summary>log2 of the smallest power of two ≥ <paramref name="size"/>.</summary>
    private static int ShiftOf(int size) => size <= 1 ? 0 : 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)(size - 1));

    private sealed class Waiter(int shift, BufferUse use)
    {
        public int Shift { get; } = shift;

        public BufferUse Use { get; } = use;

        public TaskCompletionSource<byte[]> Task { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public LinkedListNode<Waiter>? Node { get; set; }

        public CancellationTokenRegistration Registration { get; set; }
    }
}
