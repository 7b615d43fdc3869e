using System.IO.Compression;
using GPhotosFs.IO;

namespace GPhotosFs.Takeout.Content;

/// <summary>
/// Decompressing cursors over one .tgz part, kept between reads. gzip has no random access, so a
/// member is reached by decompressing up to its data offset (recorded at index time, so no tar
/// headers are parsed again). A read takes the idle cursor furthest along that is not past its
/// member and skips forward from there; reads in archive order (prefetch, rsync of a folder) thus
/// cost one pass over the part in total, not one pass per item. Only a read behind every cursor
/// starts again from the beginning.
/// </summary>
internal sealed class TarGzipCursors(string path) : IDisposable
{
    private const int MaxIdle = 4;
    private readonly List<Cursor> _idle = [];
    private readonly object _gate = new();
    private int _opened;

    /// <summary>How many decompressing passes were started from the part's beginning.</summary>
    public int PassesStarted => Volatile.Read(ref _opened);

    /// <summary>A stream of <paramref name="length"/> bytes at <paramref name="offset"/> of the decompressed tar; disposing returns the cursor.</summary>
    public Stream Open(long offset, long length)
    {
        Cursor? cursor;
        lock (_gate)
        {
            cursor = _idle.Where(c => c.Position <= offset).MaxBy(c => c.Position);
            if (cursor is not null)
            {
                _idle.Remove(cursor);
            }
        }

        if (cursor is null)
        {
            cursor = new Cursor(path);
            Interlocked.Increment(ref _opened);
        }

        try
        {
            cursor.SkipTo(offset);
        }
        catch
        {
            cursor.Dispose();
            throw;
        }

        return new BoundedStream(cursor, length, () => Return(cursor));
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var cursor in _idle)
            {
                cursor.Dispose();
            }

            _idle.Clear();
        }
    }

    private void Return(Cursor cursor)
    {
        lock (_gate)
        {
            if (_idle.Count < MaxIdle && !cursor.Broken)
            {
                _idle.Add(cursor);
                return;
            }
        }

        cursor.Dispose();
    }

    private sealed class Cursor(string path) : ReadOnlyStream
    {
        private readonly GZipStream _gzip = new(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16), CompressionMode.Decompress);

        public long PositionInTar { get; private set; }

        public bool Broken { get; private set; }

        public override long Position => PositionInTar;

        public void SkipTo(long offset)
        {
            var scratch = new byte[1 << 16];
            while (PositionInTar < offset)
            {
                var n = Read(scratch.AsSpan(0, (int)Math.Min(scratch.Length, offset - PositionInTar)));
                if (n == 0)
                {
                    throw new InvalidDataException($"{Path.GetFileName(path)} ends before byte {offset} of its tar stream (truncated part?)");
                }
            }
        }

        public override int Read(Span<byte> buffer)
        {
            try
            {
                var n = _gzip.Read(buffer);
                PositionInTar += n;
                return n;
            }
            catch
            {
                Broken = true;
                throw;
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _gzip.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
