using System.Collections.Concurrent;
using GPhotosFs.SampleMedia;

namespace GPhotosFs.GoogleEmulator;

/// <summary>
/// The emulated account's media: a pure function of the options (ids, names, times, albums, bytes),
/// so 100,000 items cost nothing until their bytes are asked for. Tests grow or shrink it while
/// the server runs, as uploads and deletions would.
/// </summary>
public sealed class EmulatedLibrary
{
    private static readonly DateTimeOffset Epoch = new(2016, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly EmulatorOptions _options;
    private readonly ConcurrentDictionary<int, byte> _removed = new();
    private readonly ConcurrentDictionary<int, long> _sizes = new();
    private readonly ConcurrentDictionary<int, byte[]> _recentBytes = new();
    private readonly object _albumLock = new();
    private int _count;
    private (int Count, int Removed, IReadOnlyList<EmulatedAlbum> Albums)? _albums;

    public EmulatedLibrary(EmulatorOptions options)
    {
        _options = options;
        _count = options.ItemCount;
    }

    public int Count => Volatile.Read(ref _count);

    /// <summary>Items in listing order (upload order), removed ones left out.</summary>
    public IEnumerable<EmulatedItem> Items()
    {
        var count = Count;
        for (var n = 0; n < count; n++)
        {
            if (!_removed.ContainsKey(n)) yield return Item(n);
        }
    }

    public EmulatedItem Item(int n)
    {
        var video = _options.VideoEvery > 0 && n % _options.VideoEvery == _options.VideoEvery - 1;
        // Spread over ten years; a pure function of the index, so adding items never moves old ones.
        var created = Epoch.AddMinutes((long)(Mix(n, 1) % (10UL * 525_600))).AddSeconds(n % 60);
        // Names repeat (cameras restart their counters), so the mount's name allocation gets exercised.
        var name = video ? $"VID_{n % 7_000:D4}.mov" : $"IMG_{n % 9_000:D4}.jpg";
        var camera = (n % 3) switch { 0 => ("Google", "Pixel 7"), 1 => ("Apple", "iPhone 14"), _ => ("Canon", "EOS R6") };
        return new EmulatedItem(n, IdOf(n), name, video ? "video/quicktime" : "image/jpeg", created,
            video ? 32 : _options.PhotoWidth, video ? 24 : _options.PhotoHeight, camera.Item1, camera.Item2);
    }

    public string IdOf(int n) => $"AF1Qip{_options.Seed:x2}{Mix(n, 7) % 0xFFFFFF:x6}_{n}";

    /// <summary>The index of a live item with this id, or null (unknown, malformed or removed).</summary>
    public int? Find(string id)
    {
        var underscore = id.LastIndexOf('_');
        if (underscore < 0 || !int.TryParse(id.AsSpan(underscore + 1), System.Globalization.NumberStyles.None, null, out var n)) return null;
        if (n >= Count || _removed.ContainsKey(n) || IdOf(n) != id) return null;
        return n;
    }

    /// <summary>Albums as listed: the generated ones with the user's edits applied, then the ones the user made.</summary>
    public IReadOnlyList<EmulatedAlbum> Albums()
    {
        lock (_albumLock)
        {
            var generated = GeneratedAlbums();
            if (_titles.IsEmpty && _edits.IsEmpty && _made.IsEmpty) return generated;
            var result = generated.Select((a, i) => new EmulatedAlbum(a.Id, _titles.GetValueOrDefault(i, a.Title),
                _edits.TryGetValue(i, out var edit) ? a.ItemIndexes.Where(n => !edit.Out.Contains(n)).Concat(edit.In).Where(n => !_removed.ContainsKey(n)).ToList() : a.ItemIndexes)).ToList();
            result.AddRange(_made.Select(m => new EmulatedAlbum(m.Id, m.Title, m.ItemIndexes.Where(n => !_removed.ContainsKey(n)).ToList())));
            return result;
        }
    }

    /// <summary>The user makes a new album of existing items (no upload: the item listing does not change).</summary>
    public EmulatedAlbum MakeAlbum(string title, params int[] items)
    {
        var album = new EmulatedAlbum($"ALBmade{_made.Count:D4}_{title.GetHashCode() & 0xFFFF:x4}", title, items);
        _made.Enqueue(album);
        return album;
    }

    /// <summary>The user renames generated album <paramref name="album"/>.</summary>
    public void RenameAlbum(int album, string title) => _titles[album] = title;

    /// <summary>The user takes <paramref name="out"/> out of generated album <paramref name="album"/> and puts <paramref name="in"/> in: its item count stays.</summary>
    public void SwapInAlbum(int album, int @out, int @in)
    {
        var edit = _edits.GetOrAdd(album, _ => (new HashSet<int>(), new List<int>()));
        edit.Out.Add(@out);
        edit.In.Add(@in);
    }

    private readonly ConcurrentDictionary<int, string> _titles = new();
    private readonly ConcurrentDictionary<int, (HashSet<int> Out, List<int> In)> _edits = new();
    private readonly ConcurrentQueue<EmulatedAlbum> _made = new();

    private IReadOnlyList<EmulatedAlbum> GeneratedAlbums()
    {
        {
            if (_albums is { } cached && cached.Count == Count && cached.Removed == _removed.Count) return cached.Albums;
            var members = Enumerable.Range(0, _options.AlbumCount).Select(_ => new List<int>()).ToArray();
            var spread = (ulong)Math.Max(1, _options.AlbumCount * 4);
            for (var n = Count - 1; n >= 0; n--) // newest first: album order differs from listing order
            {
                if (_removed.ContainsKey(n)) continue;
                var slot = Mix(n, 3) % spread;
                if (slot < (ulong)members.Length) members[slot].Add(n);
            }

            var albums = members.Select((items, a) => new EmulatedAlbum($"ALB{_options.Seed:x2}{Mix(a, 11) % 0xFFFFFF:x6}_{a}", AlbumTitle(a), items)).ToList();
            _albums = (Count, _removed.Count, albums);
            return albums;
        }
    }

    /// <summary>The original's bytes: a real JPEG with EXIF or a QuickTime video, the same on every call.</summary>
    public byte[] Bytes(int n)
    {
        if (_recentBytes.TryGetValue(n, out var cached)) return cached;
        var item = Item(n);
        var bytes = item.IsVideo
            ? SampleMediaFactory.CreateVideo(new VideoSpec { Width = item.Width, Height = item.Height, FrameCount = 3, FramesPerSecond = 10, Seed = _options.Seed * 1_000_003 + n, CreationTime = item.CreationTime })
            : SampleMediaFactory.CreatePhoto(new PhotoSpec { Width = item.Width, Height = item.Height, Seed = _options.Seed * 1_000_003 + n, CaptureTime = item.CreationTime, CameraMake = item.CameraMake, CameraModel = item.CameraModel, Quality = 80 });
        _sizes[n] = bytes.Length;
        if (_recentBytes.Count > 4_096) _recentBytes.Clear(); // a small window: a size probe is usually followed by the download
        _recentBytes[n] = bytes;
        return bytes;
    }

    public long Size(int n) => _sizes.TryGetValue(n, out var size) ? size : Bytes(n).Length;

    /// <summary>Uploads <paramref name="count"/> new items (they list after the existing ones).</summary>
    public void Add(int count) => Interlocked.Add(ref _count, count);

    /// <summary>Deletes an item: it leaves listings, albums and batchGet answers NOT_FOUND.</summary>
    public void Remove(int n) => _removed[n] = 0;

    private static string AlbumTitle(int a) => a switch
    {
        0 => "Holidays 2019",
        1 => "Family/Friends",
        2 => "Été à Paris",
        _ => $"Album {a:D3}",
    };

    private ulong Mix(long n, int salt)
    {
        var x = (ulong)(n + 1) * 0x9E3779B97F4A7C15UL ^ (ulong)(_options.Seed * 0x632BE5AB + salt);
        x ^= x >> 31;
        x *= 0xBF58476D1CE4E5B9UL;
        x ^= x >> 29;
        return x;
    }
}
