using GPhotosFs.Vfs.Content;
using Microsoft.Extensions.Logging;

namespace GPhotosFs.Originals;

/// <summary>
/// One item's download, shared by everyone reading it. A read returns as soon as its own bytes have
/// arrived; a read far ahead of the running fetch starts a fetch of its own range. Each fetch is one
/// streaming request to the end of the missing range (Google counts every request against a daily
/// quota, so no original is cut into many), read at most a window ahead of the readers; the window
/// doubles while they keep up (as mountpoint-s3's does), the stream pauses when they fall behind, and
/// it stops when nobody has the file open. A pinned download (prefetch) streams at full speed. Everything written is recorded in a <see cref="ByteRangeSet"/>
/// and checkpointed to the partial record, so a restart fetches only what is missing.
/// </summary>
/// <remarks>
/// <para><b>Concurrency</b> (the engine's lock order is on <see cref="CachedOriginals"/>: registry →
/// <c>_checkpointGate</c> → <c>_gate</c>; the registry and <c>_checkpointGate</c> are never held together).</para>
/// <para><c>_gate</c> guards the held ranges, the fetch list and each fetch's cursor, the readers
/// (<c>_openCount</c>, <c>_leases</c>), the read frontier and window, the failure and its sequence
/// number, the progress and reader-advanced signals, <c>_committing</c> and <c>_sinceCheckpoint</c>
/// (which the stream also reads without it, as a hint). Under it: bookkeeping only, no I/O, no await,
/// no log line, no lease disposal (leases are released after leaving it). Data is written to the
/// partial file before its range is added, so a reader that sees a range can read it.</para>
/// <para><c>_checkpointGate</c> guards <c>_recordDiscarded</c> and orders every write of the range
/// record and the partial's removal: it is held across fsync, the record's rewrite and deletes, and
/// takes <c>_gate</c> inside only to copy the held ranges. A checkpointer may wait for another's fsync.</para>
/// <para>Lock-free: <c>_pins</c> and <c>_checkpointRunning</c> (<see cref="Interlocked"/>),
/// <c>_checkpointTask</c> (<see cref="Volatile"/>); <see cref="CommittedPath"/> is set once, by the commit, before the download leaves the registry.</para>
/// </remarks>
internal sealed class OriginalDownload
{
    private const int ChunkBytes = 256 * 1024;

    private readonly object _gate = new();
    private readonly object _checkpointGate = new();
    private readonly OriginalKey _key;
    private readonly PartialOriginal _partial;
    private readonly IOriginOpener _origin;
    private readonly OriginResilience _resilience;
    private readonly OriginalsOptions _options;
    private readonly ILogger _logger;
    private readonly Func<OriginalDownload, Task> _commit;
    private readonly Func<Exception, bool> _onDiskFull;
    private readonly BufferBudget _buffers;
    private readonly ByteRangeSet _held; // GUARDED_BY(_gate)
    private readonly List<Fetch> _fetches = []; // GUARDED_BY(_gate), and each Fetch.Cursor
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _verified = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _checkpointRunning; // Interlocked
    private Task _checkpointTask = Task.CompletedTask; // Volatile
    private bool _recordDiscarded; // GUARDED_BY(_checkpointGate)
    private readonly List<IDisposable> _leases = []; // GUARDED_BY(_gate)
    private TaskCompletionSource _progress = new(TaskCreationOptions.RunContinuationsAsynchronously); // GUARDED_BY(_gate)
    private TaskCompletionSource _readerAdvanced = new(TaskCreationOptions.RunContinuationsAsynchronously); // GUARDED_BY(_gate)
    private long _readFrontier; // GUARDED_BY(_gate)
    private long _window; // GUARDED_BY(_gate)
    private Exception? _failure; // GUARDED_BY(_gate)
    private long _failureSeq; // GUARDED_BY(_gate): how many failures were recorded: a read reports only those after its start
    private long _sinceCheckpoint; // GUARDED_BY(_gate) for writes; read with Volatile as a hint
    private int _openCount; // GUARDED_BY(_gate)
    private int _pins; // Interlocked
    private int _committing; // GUARDED_BY(_gate)

    public OriginalDownload(OriginalKey key, PartialOriginal partial, IOriginOpener origin, OriginResilience resilience, OriginalsOptions options, ILogger logger, Func<OriginalDownload, Task> commit, Func<Exception, bool>? onDiskFull = null,
        BufferBudget? buffers = null)
    {
        _buffers = buffers ?? new BufferBudget(options.BufferBudgetBytes);
        _onDiskFull = onDiskFull ?? (_ => false);
        _key = key;
        _partial = partial;
        _origin = origin;
        _resilience = resilience;
        _options = options;
        _logger = logger;
        _commit = commit;
        _held = partial.Durable.Clone();
        _window = options.InitialWindowBytes;
        OriginalsLog.DownloadStarted(logger, key.DisplayName, partial.Length, _held.TotalBytes);
    }

    public long Length => _partial.Length;

    public OriginalKey Key => _key;

    /// <summary>Nobody reads it, nobody pinned it, nothing fetches it: its partial may be reclaimed when the disk is full.</summary>
    public bool IsIdle
    {
        get
        {
            lock (_gate)
            {
                return _openCount <= 0 && Volatile.Read(ref _pins) <= 0 && _fetches.Count == 0 && _committing == 0;
            }
        }
    }

    /// <summary>Gives the partial up (to free its space): stops, deletes data and record, and fails whoever still waits.</summary>
    public void Abandon()
    {
        _stop.Cancel();
        lock (_checkpointGate)
        {
            _recordDiscarded = true;
            _partial.DeleteAll();
        }

        Fail(new OriginException(OriginFailureKind.Transient, $"the partial download of '{_key.DisplayName}' was removed to free space in the cache"));
    }

    public PartialOriginal Partial => _partial;

    /// <summary>Completes when the original is verified and committed to the cache, or fails with why it was not.</summary>
    public Task Completion => _completion.Task;

    public void AddReader()
    {
        lock (_gate)
        {
            _openCount++;
        }
    }

    public void RemoveReader()
    {
        List<IDisposable>? release = null;
        lock (_gate)
        {
            if (--_openCount == 0 && _leases.Count > 0)
            {
                release = [.. _leases];
                _leases.Clear();
            }
        }

        release?.ForEach(l => l.Dispose());
    }

    /// <summary>Keeps <paramref name="lease"/> (e.g. "this cached file is open") until the last current reader leaves.</summary>
    public void HoldUntilReadersLeave(IDisposable lease)
    {
        lock (_gate)
        {
            if (_openCount > 0)
            {
                _leases.Add(lease);
                return;
            }
        }

        lease.Dispose();
    }

    /// <summary>Keeps fetching to the end even with nobody reading (prefetch).</summary>
    public void Pin()
    {
        Interlocked.Increment(ref _pins);
        lock (_gate)
        {
            if (!_held.IsComplete(Length))
            {
                EnsureFetchFrom(_held.FirstMissing(0, Length)!.Value.Start);
            }
        }

        TryCommitIfComplete();
    }

    public void Unpin() => Interlocked.Decrement(ref _pins);

    /// <summary>Completes once the bytes of a read of <paramref name="length"/> at <paramref name="offset"/> are held (started fetching them if need be), or throws what such a read would.</summary>
    public ValueTask WhenHeldAsync(long offset, int length, CancellationToken cancellationToken)
    {
        var end = Math.Min(offset + length, Length);
        return end <= offset ? ValueTask.CompletedTask : WaitHeldAsync(offset, end, cancellationToken);
    }

    private async ValueTask WaitHeldAsync(long offset, long end, CancellationToken cancellationToken)
    {
        long seenFailures;
        lock (_gate)
        {
            AdvanceFrontier(end);
            // A failure recorded before this read began (e.g. a full disk since freed) is old news:
            // this read tries again, which is how the engine recovers by itself.
            seenFailures = _failureSeq;
        }

        while (true)
        {
            Task progress;
            lock (_gate)
            {
                if (_held.Contains(offset, end))
                {
                    break;
                }

                if (_failure is { } failure && (_failureSeq > seenFailures || failure is OriginException { Kind: OriginFailureKind.Permanent }) && !FetchWillReach(offset))
                {
                    // Report it to this read; a later read tries again (unless the cause is permanent).
                    if (failure is not OriginException { Kind: OriginFailureKind.Permanent })
                    {
                        _failure = null;
                    }

                    throw failure as OriginException ?? new OriginException(OriginFailureKind.Transient, failure.Message, inner: failure);
                }

                EnsureFetchFrom(_held.FirstMissing(offset, Length)!.Value.Start);
                progress = _progress.Task;
            }

            try
            {
                // WaitAsync disposes its timer when progress comes first (readers wake on every chunk).
                await progress.WaitAsync(_options.StallDeadline, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                string reason;
                lock (_gate)
                {
                    reason = _failure?.Message ?? "the source sent nothing";
                }

                throw new OriginException(OriginFailureKind.Transient, $"no data for '{_key.DisplayName}' at byte {offset} for {_options.StallDeadline.TotalSeconds:0} s ({reason})");
            }
        }
    }

    public async ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var end = Math.Min(offset + buffer.Length, Length);
        if (end <= offset)
        {
            return 0;
        }

        await WaitHeldAsync(offset, end, cancellationToken).ConfigureAwait(false);
        if (end == Length)
        {
            lock (_gate)
            {
                // Readers jumping around may have left gaps behind them: fill every one, unthrottled.
                AdvanceFrontier(long.MaxValue / 2);
                if (_held.FirstMissing(0, Length) is { } gap)
                {
                    EnsureFetchFrom(gap.Start);
                }
            }

            // The last byte is released only once the whole original is verified: a client can never
            // read a corrupt or truncated original through to a clean end. (Making it durable in the
            // cache, fsync and rename, goes on after.)
            try
            {
                await _verified.Task.WaitAsync(_options.StallDeadline, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw new OriginException(OriginFailureKind.Transient, $"'{_key.DisplayName}' was not verified within {_options.StallDeadline.TotalSeconds:0} s");
            }
        }

        return ReadHeld(offset, buffer.Span[..(int)(end - offset)]);
    }

    /// <summary>Where the original went when it was committed (its data file, renamed); null before.</summary>
    public string? CommittedPath { get; set; }

    /// <summary>
    /// Reads held bytes from the data file. A reader that reached this download just as it was
    /// committed may find its handle closed (the last earlier reader left): the same bytes are then
    /// read from the committed file, never an error.
    /// </summary>
    private int ReadHeld(long offset, Span<byte> buffer)
    {
        try
        {
            return _partial.Read(offset, buffer);
        }
        catch (ObjectDisposedException) when (CommittedPath is { } committed)
        {
            using var handle = File.OpenHandle(committed, FileMode.Open, FileAccess.Read, FileShare.Read);
            return RandomAccess.Read(handle, buffer, offset);
        }
    }

    /// <summary>Stops fetching (shutdown), records what is held so a restart resumes from there, and releases the partial.</summary>
    public void Stop()
    {
        _stop.Cancel();
        Checkpoint();
        _partial.Dispose();
    }

    /// <summary>Makes the held ranges durable.</summary>
    public void Checkpoint()
    {
        lock (_checkpointGate)
        {
            if (_recordDiscarded)
            {
                return; // committed: a late background checkpoint must not bring the record back
            }

            ByteRangeSet snapshot;
            lock (_gate)
            {
                snapshot = _held.Clone();
                _sinceCheckpoint = 0;
            }

            if (!_partial.Handle.IsClosed)
            {
                _partial.Checkpoint(snapshot);
            }
        }
    }

    /// <summary>After the commit: removes the range record, and no checkpoint writes one again.</summary>
    public void DiscardRecord()
    {
        lock (_checkpointGate)
        {
            _recordDiscarded = true;
            _partial.DeleteRecord();
        }
    }

    public void Fail(Exception reason)
    {
        _verified.TrySetException(reason);
        _completion.TrySetException(reason);
    }

    public void MarkVerified() => _verified.TrySetResult();

    public void Succeed()
    {
        _verified.TrySetResult();
        _completion.TrySetResult();
    }

    /// <summary>Whether a running fetch will deliver <paramref name="offset"/> soon (it is at or a little before it).</summary>
    private bool FetchWillReach(long offset, Fetch? except = null) =>
        _fetches.Any(f => f != except && f.Cursor <= offset && offset - f.Cursor <= _options.FarAheadBytes);

    /// <summary>Under the gate: starts a fetch at <paramref name="start"/> unless one is about to deliver it.</summary>
    private void EnsureFetchFrom(long start)
    {
        if (FetchWillReach(start) || _stop.IsCancellationRequested)
        {
            return;
        }

        var fetch = new Fetch { Cursor = start };
        _fetches.Add(fetch);
        _ = Task.Run(() => RunFetchAsync(fetch));
    }

    private async Task RunFetchAsync(Fetch fetch)
    {
        try
        {
            while (true)
            {
                long start, stop;
                lock (_gate)
                {
                    var missing = _held.FirstMissing(fetch.Cursor, Length);
                    // Stop at the end, when nobody wants the bytes any more, or when another fetch
                    // is already at the next missing byte (two fetches met).
                    if (missing is null || (_openCount <= 0 && _pins <= 0) || FetchWillReach(missing.Value.Start, except: fetch))
                    {
                        break;
                    }

                    start = missing.Value.Start;
                    stop = missing.Value.End;
                    fetch.Cursor = start;
                }

                var outcome = await _resilience.ExecuteAsync(ct => StreamRangeAsync(fetch, start, stop, ct), _stop.Token).ConfigureAwait(false);
                if (outcome == StreamOutcome.ReadersGone)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !_stop.IsCancellationRequested)
        {
            if (ex is not OriginException { Kind: OriginFailureKind.QuotaExhausted }) OriginalsLog.FetchFailed(_logger, _key.DisplayName, ex.Message); // a used-up quota is logged once by its source
            OriginalsMetrics.Failed(ex, _key.DisplayName, ex.Message);
            bool lastFetch;
            lock (_gate)
            {
                _failure = ex;
                _failureSeq++;
                lastFetch = _fetches.Count == 1;
            }

            // A prefetch waits for completion with no reader to report to: end it with the reason.
            if (lastFetch && Volatile.Read(ref _pins) > 0)
            {
                _completion.TrySetException(ex);
            }
        }
        catch (OperationCanceledException)
        {
            // shutting down
        }
        finally
        {
            lock (_gate)
            {
                _fetches.Remove(fetch);
                Signal();
            }

            TryCommitIfComplete();
        }
    }

    /// <summary>Streams [start, stop) (from its first missing byte) in one request, at most a window ahead of the readers.</summary>
    private async Task<StreamOutcome> StreamRangeAsync(Fetch fetch, long start, long stop, CancellationToken cancellationToken)
    {
        long position;
        lock (_gate)
        {
            position = _held.FirstMissing(start, stop)?.Start ?? stop;
        }

        if (position >= stop)
        {
            return StreamOutcome.Done;
        }

        OriginResponse response;
        using (var headers = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            headers.CancelAfter(_options.RequestTimeout);
            try
            {
                response = await _origin.OpenRangeAsync(_key, position, stop - position, headers.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new OriginException(OriginFailureKind.Transient, $"the source did not answer for '{_key.DisplayName}' within {_options.RequestTimeout.TotalSeconds:0} s");
            }
        }

        await using (response.ConfigureAwait(false))
        {
            if (response.TotalLength != Length)
            {
                throw new OriginException(OriginFailureKind.Permanent, $"the source now has {response.TotalLength} bytes for '{_key.DisplayName}', not the {Length} recorded; run a sync");
            }

            // One stall timer per request, re-armed for each read (not a new timer per chunk).
            using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            {
                var at = response.Offset;
                while (at < stop)
                {
                    if (!await WaitForRoomAsync(at, cancellationToken).ConfigureAwait(false))
                    {
                        return StreamOutcome.ReadersGone;
                    }

                    // A chunk's buffer is held only from the network to the disk, never while waiting
                    // for readers (readers may be waiting for buffers of the same budget) nor for the
                    // origin: a zero-byte read returns once its next bytes are there (HttpClient's
                    // response streams support it; others return at once). Downloads waiting on a
                    // slow origin or a response's first byte then hold no memory.
                    await ReadFromOriginAsync(response.Body, Memory<byte>.Empty, at, stall, cancellationToken).ConfigureAwait(false);
                    var buffer = await _buffers.RentAsync(ChunkBytes, BufferUse.Download, cancellationToken).ConfigureAwait(false);
                    int n;
                    try
                    {
                        n = await ReadChunkAsync(response.Body, buffer.AsMemory(0, (int)Math.Min(ChunkBytes, stop - at)), at, stall, cancellationToken).ConfigureAwait(false);
                        WriteOrReclaim(at, buffer.AsSpan(0, n));
                    }
                    finally
                    {
                        _buffers.Return(buffer);
                    }

                    bool checkpoint, metHeldBytes;
                    long unrecorded;
                    lock (_gate)
                    {
                        _held.Add(at, at + n);
                        fetch.Cursor = at + n;
                        _sinceCheckpoint += n;
                        unrecorded = _sinceCheckpoint;
                        checkpoint = _sinceCheckpoint >= _options.CheckpointBytes;
                        // Another fetch already holds what follows: leave the rest of this range to the next pass.
                        metHeldBytes = at + n < stop && _held.ContiguousEnd(at + n) > at + n;
                        Signal();
                    }

                    at += n;
                    if (checkpoint)
                    {
                        CheckpointInBackground();
                        if (unrecorded >= 2 * _options.CheckpointBytes)
                        {
                            // The disk's fsync is slower than the source: wait for it, so that a kill
                            // never costs more than two checkpoint intervals (plus a chunk).
                            await Volatile.Read(ref _checkpointTask).WaitAsync(cancellationToken).ConfigureAwait(false);
                        }
                    }

                    if (metHeldBytes)
                    {
                        return StreamOutcome.Done;
                    }
                }
            }
        }

        return StreamOutcome.Done;
    }

    /// <summary>
    /// Writes downloaded bytes; on a full disk, asks the cache to reclaim abandoned partials and
    /// tries once more, else fails this fetch with the cache's explanation (not retried: the
    /// next read tries again, so the engine recovers by itself once space is free).
    /// </summary>
    private void WriteOrReclaim(long at, ReadOnlySpan<byte> data)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                _partial.Write(at, data);
                return;
            }
            catch (IOException ex) when (DiskSpace.IsFull(ex) && ex is not CacheDiskFullException)
            {
                // The cache reclaims what it can (true: try again) or throws its explanation.
                if (!_onDiskFull(ex) || attempt >= 2)
                {
                    throw;
                }
            }
        }
    }

    /// <summary>
    /// Lets the stream run at most a window ahead of the furthest read: true to go on, false when
    /// nobody has the file open any more or the readers stayed idle for the stall deadline (the
    /// connection is then released; a later read starts a new request where this one stopped).
    /// </summary>
    private async Task<bool> WaitForRoomAsync(long at, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task advanced;
            lock (_gate)
            {
                if (_pins > 0)
                {
                    return true;
                }

                if (_openCount <= 0)
                {
                    return false;
                }

                if (at < _readFrontier + _window)
                {
                    return true;
                }

                advanced = _readerAdvanced.Task;
            }

            // Pausing for the readers: a good moment to make what is held durable.
            if (Volatile.Read(ref _sinceCheckpoint) > 0)
            {
                CheckpointInBackground();
            }

            try
            {
                await advanced.WaitAsync(_options.StallDeadline, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                return false;
            }
        }
    }

    /// <summary>
    /// fsync and record off the stream's path, one at a time; while one runs, further requests are
    /// folded into it (it checkpoints again when enough arrived meanwhile).
    /// </summary>
    private void CheckpointInBackground()
    {
        if (Interlocked.Exchange(ref _checkpointRunning, 1) != 0)
        {
            return;
        }

        Volatile.Write(ref _checkpointTask, Task.Run(() =>
        {
            try
            {
                do
                {
                    Checkpoint();
                }
                while (Volatile.Read(ref _sinceCheckpoint) >= _options.CheckpointBytes && !_stop.IsCancellationRequested);
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException)
            {
                // Stopped meanwhile, or the disk refused: the last good record still stands.
                OriginalsLog.FetchFailed(_logger, _key.DisplayName, $"checkpoint failed: {ex.Message}");
            }
            finally
            {
                Volatile.Write(ref _checkpointRunning, 0);
            }
        }));
    }

    /// <summary>Under the gate: a read reached <paramref name="end"/>; grow the window while readers keep up with the stream.</summary>
    private void AdvanceFrontier(long end)
    {
        if (end <= _readFrontier)
        {
            return;
        }

        // The reader is within half a window of the stream: it keeps up, so let the stream run further ahead.
        var streamAt = _fetches.Count == 0 ? end : _fetches.Max(f => f.Cursor);
        if (streamAt - end < _window / 2)
        {
            _window = Math.Min(_window * 2, _options.MaxWindowBytes);
        }

        _readFrontier = end;
        var previous = _readerAdvanced;
        _readerAdvanced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        previous.TrySetResult();
    }

    private async Task<int> ReadChunkAsync(Stream body, Memory<byte> chunk, long at, CancellationTokenSource stall, CancellationToken cancellationToken)
    {
        var n = await ReadFromOriginAsync(body, chunk, at, stall, cancellationToken).ConfigureAwait(false);
        if (n == 0)
        {
            throw new OriginException(OriginFailureKind.Transient, $"the source's answer for '{_key.DisplayName}' ended early at byte {at}");
        }

        return n;
    }

    /// <summary>One read of the response body within the stall deadline (an empty <paramref name="into"/>: wait until bytes are there).</summary>
    private async Task<int> ReadFromOriginAsync(Stream body, Memory<byte> into, long at, CancellationTokenSource stall, CancellationToken cancellationToken)
    {
        stall.CancelAfter(_options.StallDeadline);
        try
        {
            var n = await body.ReadAsync(into, stall.Token).ConfigureAwait(false);
            // Disarmed while the stream waits for readers to catch up, which may take longer.
            stall.CancelAfter(Timeout.InfiniteTimeSpan);
            return n;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new OriginException(OriginFailureKind.Transient, $"the download of '{_key.DisplayName}' stalled at byte {at}");
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            throw new OriginException(OriginFailureKind.Transient, $"the connection broke while downloading '{_key.DisplayName}' at byte {at}", inner: ex);
        }
    }

    private void TryCommitIfComplete()
    {
        lock (_gate)
        {
            if (!_held.IsComplete(Length) || _committing != 0)
            {
                return;
            }

            _committing = 1;
        }

        _ = Task.Run(() => _commit(this));
    }

    /// <summary>Under the gate: wakes every waiting reader.</summary>
    private void Signal()
    {
        var previous = _progress;
        _progress = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        previous.TrySetResult();
    }

    private sealed class Fetch
    {
        public long Cursor;
    }

    private enum StreamOutcome
    {
        Done,
        ReadersGone,
    }
}
