using GPhotosFs.Originals;

namespace GPhotosFs.Library.Tests.Contracts;

/// <summary>What <see cref="FaultyOrigin"/> does to one request.</summary>
public enum OriginFault
{
    None,

    /// <summary>The connection is reset before any header.</summary>
    ResetAtOpen,

    /// <summary>The body breaks off with an I/O error part way.</summary>
    ResetMidBody,

    /// <summary>The body ends early without an error (a truncated response).</summary>
    ShortBody,

    /// <summary>A different range than asked, said honestly (a server that ignores Range answers from 0).</summary>
    WrongRange,

    /// <summary>The body stops sending for a while, then the connection drops.</summary>
    Stall,
}

/// <summary>
/// Wraps any origin and spoils its answers in a fixed, repeating order (no randomness, so a run
/// is the same under load): resets, short bodies, other ranges, stalls. Whatever it does, a read
/// through the engine must return the original's bytes or fail, never other bytes.
/// </summary>
public sealed class FaultyOrigin(IOriginOpener inner, IReadOnlyList<OriginFault> script, TimeSpan stall) : IOriginOpener
{
    /// <summary>Mostly faults, with clean answers between them so downloads can finish.</summary>
    /// <remarks>A spoiled body is followed by a request for the rest of the item, so the wrong range lands mid-item.</remarks>
    public static readonly IReadOnlyList<OriginFault> EveryFault =
    [
        OriginFault.ResetAtOpen, OriginFault.ShortBody, OriginFault.WrongRange, OriginFault.None, OriginFault.ResetMidBody,
        OriginFault.WrongRange, OriginFault.None, OriginFault.Stall, OriginFault.ShortBody, OriginFault.None, OriginFault.None,
    ];

    private int _requests;
    private int _injected;

    /// <summary>How many requests came.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>How many requests were spoiled.</summary>
    public int Injected => Volatile.Read(ref _injected);

    public async Task<OriginResponse> OpenRangeAsync(OriginalKey key, long offset, long? length, CancellationToken cancellationToken)
    {
        var fault = script[(Interlocked.Increment(ref _requests) - 1) % script.Count];
        if (fault != OriginFault.None)
        {
            Interlocked.Increment(ref _injected);
        }

        switch (fault)
        {
            case OriginFault.ResetAtOpen:
                throw new OriginException(OriginFailureKind.Transient, $"connection reset opening '{key.DisplayName}' (injected)");
            case OriginFault.WrongRange:
                return await inner.OpenRangeAsync(key, 0, null, cancellationToken).ConfigureAwait(false);
        }

        var response = await inner.OpenRangeAsync(key, offset, length, cancellationToken).ConfigureAwait(false);
        if (fault == OriginFault.None)
        {
            return response;
        }

        var available = (length ?? response.TotalLength - offset);
        Stream body = fault switch
        {
            OriginFault.ResetMidBody => new SpoiledBody(response.Body, Math.Max(1, available / 3), breaks: true, TimeSpan.Zero),
            OriginFault.ShortBody => new SpoiledBody(response.Body, Math.Max(1, available / 2), breaks: false, TimeSpan.Zero),
            OriginFault.Stall => new SpoiledBody(response.Body, Math.Max(1, available / 4), breaks: true, stall),
            _ => throw new InvalidOperationException(fault.ToString()),
        };
        return new OriginResponse(body, response.Offset, response.TotalLength, new AsyncOwner(response));
    }

    private sealed class AsyncOwner(OriginResponse response) : IDisposable
    {
        public void Dispose() => response.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Passes <paramref name="good"/> bytes, then ends (or, after a pause, breaks).</summary>
    private sealed class SpoiledBody(Stream inner, long good, bool breaks, TimeSpan pause) : Stream
    {
        private long _passed;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _passed; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_passed >= good)
            {
                if (!breaks)
                {
                    return 0;
                }

                if (pause > TimeSpan.Zero)
                {
                    await Task.Delay(pause, cancellationToken).ConfigureAwait(false);
                }

                throw new IOException("connection reset by peer (injected)");
            }

            var n = await inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, good - _passed)], cancellationToken).ConfigureAwait(false);
            _passed += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
