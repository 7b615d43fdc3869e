using System.Collections.Concurrent;
using GPhotosFs.Originals;

namespace GPhotosFs.Web;

/// <summary>
/// The download engine's view of the web source: an original exists only as the file the browser
/// just downloaded, handed over here until the engine has verified it and renamed it into the cache.
/// The web UI gives no byte ranges and no size before a download, so an item that is not in the
/// cache cannot be read lazily: `gphotosfs sync` downloads it again.
/// </summary>
public sealed class DownloadedOriginals : IOriginOpener
{
    private readonly ConcurrentDictionary<long, string> _files = new();

    public void Offer(long itemId, string file) => _files[itemId] = file;

    public void Withdraw(long itemId) => _files.TryRemove(itemId, out _);

    public Task<OriginResponse> OpenRangeAsync(OriginalKey key, long offset, long? length, CancellationToken cancellationToken)
    {
        if (!_files.TryGetValue(key.ItemId, out var path) || !File.Exists(path))
        {
            throw new OriginException(OriginFailureKind.Permanent,
                $"'{key.DisplayName}' comes from photos.google.com and is not in the cache; run `gphotosfs sync` to download it again");
        }

        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, FileOptions.Asynchronous);
        var total = stream.Length;
        stream.Position = Math.Min(offset, total);
        Stream body = length is { } l ? new BoundedStream(stream, Math.Min(l, total - stream.Position)) : stream;
        return Task.FromResult(new OriginResponse(body, offset, total));
    }

    /// <summary>The first <c>limit</c> bytes of a stream (an engine range request).</summary>
    private sealed class BoundedStream(Stream inner, long limit) : Stream
    {
        private long _left = limit;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_left <= 0) return 0;
            var n = inner.Read(buffer[..(int)Math.Min(buffer.Length, _left)]);
            _left -= n;
            return n;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_left <= 0) return 0;
            var n = await inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, _left)], cancellationToken).ConfigureAwait(false);
            _left -= n;
            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
