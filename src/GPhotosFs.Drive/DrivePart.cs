using System.Globalization;
using GPhotosFs.Originals;
using GPhotosFs.Takeout.Archives;

namespace GPhotosFs.Drive;

/// <summary>
/// A Takeout part on Google Drive, read by HTTP Range (REFERENCE §6, as bradfitz/gtakeaway does):
/// positional reads go through an in-memory span cache, a miss fetching at least 64 KiB (and the
/// whole tail when it falls in the zip's end records), so a local header and the head of its
/// member come in one request; <see cref="Prefetch"/> coalesces ranges into requests of up to 16 MiB,
/// bridging a gap when it is small (16 KiB: less than a round trip costs) or no larger than the
/// wanted bytes already in the request (so at most half of what is fetched is waste): sidecars
/// grouped in a folder come in a few requests per part, sidecars between multi-megabyte photos
/// one each, never the photos. Never read in
/// place by a mount: its members always go through the cache. Thread-safe; disposing is a no-op
/// (the resolver owns it).
/// </summary>
public sealed class DrivePart : IPartStorage
{
    public const string Scheme = "drive:";
    private const int BlockBytes = 64 * 1024;
    private const long SmallGap = 16 * 1024;
    private const long MaxRequest = 16L << 20;
    private const long MaxCachedBytes = 256L << 20;

    private readonly DriveClient _client;
    private readonly object _gate = new();
    private readonly object _infoGate = new();
    private readonly SortedList<long, byte[]> _spans = [];
    private long _cachedBytes;
    private DriveFileInfo? _info;
    private volatile bool _removed;

    public DrivePart(DriveClient client, string fileId, string name, DriveFileInfo? info = null)
    {
        _client = client;
        FileId = fileId;
        Name = name;
        _info = info;
        Location = LocationOf(fileId, name);
    }

    public string FileId { get; }

    public string Name { get; }

    public string Location { get; }

    public bool ReadsInPlace => false;

    /// <summary>What Drive said of the file (fetched on first need when the part was not listed).</summary>
    public DriveFileInfo Info
    {
        get
        {
            if (_info is { } known) return known;
            lock (_infoGate)
            {
                // One request however many readers ask at once.
                return _info ??= Run(() => _client.GetAsync(FileId, $"reading Drive's record of {Name}", CancellationToken.None));
            }
        }
    }

    public long Length => Info.Size ?? throw new RemotePartException($"{Name}: Drive gives no size for it (not a binary file?)", OriginFailureKind.Permanent);

    public long ModifiedTicks => Info.Modified?.UtcTicks ?? 0;

    public string? Revision => Info.Revision;

    /// <summary>Drive's record of the file asked again (files.get: metadata, no bytes); a new revision drops the cached spans of the old one.</summary>
    public string? CurrentRevision()
    {
        var fresh = Run(() => _client.GetAsync(FileId, $"checking the revision of {Name} on Drive", CancellationToken.None));
        lock (_infoGate)
        {
            if (_info?.Revision != fresh.Revision) ForgetCachedBytes();
            _info = fresh;
        }

        return fresh.Revision;
    }

    /// <summary>Marks the part as gone from Drive (a listing no longer has it): <see cref="Exists"/> says so without asking.</summary>
    public void MarkRemoved() => _removed = true;

    public bool Exists() => !_removed;

    public static string LocationOf(string fileId, string name) => $"{Scheme}{fileId}/{name}";

    /// <summary>The file id of a <c>drive:ID/NAME</c> location, or null for any other location.</summary>
    public static (string FileId, string Name)? Parse(string location)
    {
        if (!location.StartsWith(Scheme, StringComparison.Ordinal)) return null;
        var rest = location[Scheme.Length..];
        var slash = rest.IndexOf('/');
        return slash <= 0 ? null : (rest[..slash], rest[(slash + 1)..]);
    }

    public int ReadAt(long offset, Span<byte> buffer)
    {
        var length = Length;
        if (offset >= length || buffer.Length == 0) return 0;
        var wanted = (int)Math.Min(buffer.Length, length - offset);
        if (TryCopy(offset, buffer[..wanted])) return wanted;

        // A miss fetches a block at least; inside the zip's end records, the whole tail (the directory's end is read next).
        var start = offset;
        var end = Math.Min(length, offset + Math.Max(wanted, BlockBytes));
        var tailStart = Math.Max(0, length - ZipDirectory.TailBytes);
        if (offset >= tailStart)
        {
            start = tailStart;
            end = length;
        }

        var bytes = Fetch(start, end - start);
        bytes.AsSpan((int)(offset - start), wanted).CopyTo(buffer);
        return wanted;
    }

    public Stream OpenRange(long offset, long length)
    {
        var covered = Covered(offset, length);
        return covered is { } span
            ? new MemoryStream(span.Bytes, span.Index, (int)length, writable: false)
            : new DriveRangeStream(_client, this, offset, length);
    }

    public void Prefetch(IReadOnlyList<ByteSpan> ranges)
    {
        var length = Length;
        var merged = new List<(long Start, long End, long Wanted)>();
        foreach (var range in ranges.Where(r => r.Length > 0).OrderBy(r => r.Offset))
        {
            var end = Math.Min(length, range.End);
            if (end <= range.Offset || Covered(range.Offset, end - range.Offset) is not null) continue;
            if (merged.Count > 0 && Bridges(merged[^1].End, merged[^1].Wanted, range.Offset) && end - merged[^1].Start <= MaxRequest)
            {
                var last = merged[^1];
                merged[^1] = (last.Start, Math.Max(last.End, end), last.Wanted + Math.Max(0, end - Math.Max(last.End, range.Offset)));
            }
            else
            {
                merged.Add((range.Offset, end, end - range.Offset));
            }
        }

        Parallel.ForEach(merged, new ParallelOptions { MaxDegreeOfParallelism = 4 }, span => Fetch(span.Start, span.End - span.Start));
    }

    /// <summary>Whether a request ending at <paramref name="end"/> with <paramref name="wanted"/> bytes asked for should stretch to a range starting at <paramref name="next"/>.</summary>
    internal static bool Bridges(long end, long wanted, long next)
    {
        var gap = next - end;
        return gap <= SmallGap || gap <= wanted;
    }

    public void Dispose()
    {
        // Owned by DrivePartStorages; its cached spans serve the next reader.
    }

    /// <summary>Drops the cached spans (after indexing: a mount needs none of them).</summary>
    public void ForgetCachedBytes()
    {
        lock (_gate)
        {
            _spans.Clear();
            _cachedBytes = 0;
        }
    }

    internal RemotePartException Failure(DriveException error) =>
        new($"{error.Message}", error.NotFound ? OriginFailureKind.Permanent
            : error.Status is 401 || error.Status == 403 && error.Reason is "insufficientPermissions" or "authError" ? OriginFailureKind.Unauthorized
            : error.Retryable ? OriginFailureKind.Transient : OriginFailureKind.Permanent, error);

    private byte[] Fetch(long start, long count)
    {
        var bytes = new byte[count];
        Run(() => _client.ReadAsync(FileId, start, bytes, string.Create(CultureInfo.InvariantCulture, $"reading bytes {start}-{start + count - 1} of {Name} on Drive"), CancellationToken.None));
        lock (_gate)
        {
            if (_cachedBytes + count > MaxCachedBytes)
            {
                _spans.Clear();
                _cachedBytes = 0;
            }

            if (!_spans.TryGetValue(start, out var old) || old.Length < bytes.Length)
            {
                _cachedBytes += bytes.Length - (old?.Length ?? 0);
                _spans[start] = bytes;
            }
        }

        return bytes;
    }

    private bool TryCopy(long offset, Span<byte> buffer)
    {
        if (Covered(offset, buffer.Length) is not { } span) return false;
        span.Bytes.AsSpan(span.Index, buffer.Length).CopyTo(buffer);
        return true;
    }

    /// <summary>A cached span holding all of [offset, offset + length).</summary>
    private (byte[] Bytes, int Index)? Covered(long offset, long length)
    {
        lock (_gate)
        {
            // The last span starting at or before offset (spans do not nest usefully: a linear probe back is enough).
            var keys = _spans.Keys;
            int lo = 0, hi = keys.Count - 1, found = -1;
            while (lo <= hi)
            {
                var mid = (lo + hi) / 2;
                if (keys[mid] <= offset)
                {
                    found = mid;
                    lo = mid + 1;
                }
                else
                {
                    hi = mid - 1;
                }
            }

            for (var i = found; i >= 0 && i > found - 4; i--)
            {
                var start = keys[i];
                var bytes = _spans.Values[i];
                if (start + bytes.Length >= offset + length) return (bytes, (int)(offset - start));
            }

            return null;
        }
    }

    private T Run<T>(Func<Task<T>> call)
    {
        try
        {
            return call().GetAwaiter().GetResult();
        }
        catch (DriveException ex)
        {
            throw Failure(ex);
        }
        catch (Google.GoogleAuthException ex)
        {
            throw new RemotePartException($"{Name} on Google Drive: {ex.Message}", OriginFailureKind.Unauthorized, ex);
        }
    }

    private void Run(Func<Task> call) => Run(async () =>
    {
        await call().ConfigureAwait(false);
        return true;
    });
}
