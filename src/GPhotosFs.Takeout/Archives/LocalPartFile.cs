using Microsoft.Win32.SafeHandles;

namespace GPhotosFs.Takeout.Archives;

/// <summary>
/// A part on a local (or NAS-mounted) disk: an archive read by positional reads on one shared
/// handle (opened on first read), or an extracted folder (<see cref="Length"/> 0; its files are
/// read by path). Members of a local part are read in place.
/// </summary>
public sealed class LocalPartFile(string path) : IPartStorage
{
    private readonly object _gate = new();
    private SafeFileHandle? _handle;

    public string Location { get; } = path;

    public string Name => Path.GetFileName(Path.TrimEndingDirectorySeparator(Location));

    public bool ReadsInPlace => true;

    public bool IsFolder => Directory.Exists(Location);

    public bool Exists() => File.Exists(Location) || Directory.Exists(Location);

    public long Length => IsFolder ? 0 : _handle is { } h ? RandomAccess.GetLength(h) : new FileInfo(Location).Length;

    public long ModifiedTicks => IsFolder ? Directory.GetLastWriteTimeUtc(Location).Ticks : File.GetLastWriteTimeUtc(Location).Ticks;

    public string? Revision => null;

    public int ReadAt(long offset, Span<byte> buffer) => ReadAt(Handle(), offset, buffer);

    /// <summary>Reads until the buffer is full or the file ends (RandomAccess.Read may return less).</summary>
    internal static int ReadAt(SafeFileHandle handle, long offset, Span<byte> buffer)
    {
        var done = 0;
        while (done < buffer.Length)
        {
            var n = RandomAccess.Read(handle, buffer[done..], offset + done);
            if (n <= 0) break;
            done += n;
        }

        return done;
    }

    public Stream OpenRange(long offset, long length) => new HandleRangeStream(Handle(), offset, length);

    public void Prefetch(IReadOnlyList<ByteSpan> ranges)
    {
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _handle?.Dispose();
            _handle = null;
        }
    }

    private SafeFileHandle Handle()
    {
        lock (_gate)
        {
            return _handle ??= File.OpenHandle(Location, FileMode.Open, FileAccess.Read, FileShare.Read);
        }
    }
}
