using System.Collections.Concurrent;
using System.IO.Compression;
using GPhotosFs.SampleMedia;

namespace GPhotosFs.WebEmulator;

/// <summary>
/// The emulated account's media: a pure function of the options, newest last by index, so items
/// added later are the newest and top the grid. Capture times are 7 hours and some seconds apart
/// (unique: a tile's label identifies an item), starting 2024-01-01 UTC.
/// </summary>
public sealed class WebLibrary
{
    public static readonly DateTimeOffset Epoch = new(2024, 1, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly WebEmulatorOptions _options;
    private readonly ConcurrentDictionary<int, byte> _removed = new();
    private readonly ConcurrentDictionary<int, byte[]> _bytes = new();
    private int _count;

    public WebLibrary(WebEmulatorOptions options)
    {
        _options = options;
        _count = options.ItemCount;
    }

    public int Count => Volatile.Read(ref _count);

    /// <summary>Live items as the grid shows them: newest capture first.</summary>
    public IReadOnlyList<WebItem> Grid()
    {
        var list = new List<WebItem>();
        for (var n = Count - 1; n >= 0; n--)
        {
            if (!_removed.ContainsKey(n)) list.Add(Item(n));
        }

        return list;
    }

    public WebItem Item(int n)
    {
        var kind = _options.ProcessingItems.Contains(n) ? WebItemKind.ProcessingVideo
            : _options.MotionEvery > 0 && n % _options.MotionEvery == _options.MotionEvery - 1 ? WebItemKind.MotionPhoto
            : _options.VideoEvery > 0 && n % _options.VideoEvery == _options.VideoEvery - 1 ? WebItemKind.Video
            : WebItemKind.Photo;
        var taken = Epoch.AddHours(7L * n).AddSeconds(n * 37 % 3600);
        var stamp = taken.UtcDateTime.ToString("yyyyMMdd_HHmmss", System.Globalization.CultureInfo.InvariantCulture);
        var name = kind switch
        {
            WebItemKind.Video or WebItemKind.ProcessingVideo => $"VID_{stamp}.mov",
            WebItemKind.MotionPhoto => $"PXL_{stamp}.MP.jpg",
            _ => $"IMG_{stamp}.jpg",
        };
        var portrait = n % 4 == 3;
        var (w, h) = kind is WebItemKind.Video or WebItemKind.ProcessingVideo ? (32, 24) : (_options.PhotoWidth, _options.PhotoHeight);
        return new WebItem(n, IdOf(n), name, kind, taken, portrait ? h : w, portrait ? w : h);
    }

    public string IdOf(int n) => $"AF1Qip{_options.Seed:x2}{(uint)(n * 2654435761u) % 0xFFFFFF:x6}_{n}";

    /// <summary>The index of a live item with this library id, or null.</summary>
    public int? Find(string id)
    {
        var underscore = id.LastIndexOf('_');
        if (underscore < 0 || !int.TryParse(id.AsSpan(underscore + 1), System.Globalization.NumberStyles.None, null, out var n)) return null;
        if (n >= Count || _removed.ContainsKey(n) || IdOf(n) != id) return null;
        return n;
    }

    public IReadOnlyList<WebAlbum> Albums()
    {
        var albums = new List<WebAlbum>();
        for (var a = 0; a < _options.AlbumCount; a++)
        {
            var members = Grid().Where(i => (i.Index + a) % (a + 3) == 0).Select(i => i.Index).ToList();
            albums.Add(new WebAlbum($"AF1QipAlbum{_options.Seed:x2}{a:D3}", AlbumTitle(a), members));
        }

        return albums;
    }

    private static string AlbumTitle(int a) => a switch
    {
        0 => "Holidays 2024",
        1 => "Family and Friends",
        2 => "Été à Paris",
        _ => $"Album {a:D3}",
    };

    /// <summary>What the download answers: the original (a real JPEG with EXIF, or a QuickTime video), or a motion photo's zip.</summary>
    public byte[] Download(int n) => _bytes.GetOrAdd(n, _ => Make(Item(n)));

    /// <summary>The originals an item's download holds, by file name (a motion photo: its photo and its video).</summary>
    public IReadOnlyDictionary<string, byte[]> Originals(int n)
    {
        var item = Item(n);
        return item.Kind == WebItemKind.MotionPhoto
            ? new Dictionary<string, byte[]> { [item.FileName] = Photo(item), [item.MotionVideoName] = Video(item) }
            : new Dictionary<string, byte[]> { [item.FileName] = Download(n) };
    }

    /// <summary>Where the mount files each original: photos/YYYY/MM/NAME by capture time in UTC (names here are unique).</summary>
    public IEnumerable<(string Path, byte[] Bytes, WebItem Item)> ExpectedTree()
    {
        foreach (var item in Grid())
        {
            if (item.Kind == WebItemKind.ProcessingVideo) continue;
            var folder = $"photos/{item.CaptureTime.UtcDateTime:yyyy}/{item.CaptureTime.UtcDateTime:MM}";
            foreach (var (name, bytes) in Originals(item.Index)) yield return ($"{folder}/{name}", bytes, item);
        }
    }

    private byte[] Make(WebItem item)
    {
        if (item.Kind != WebItemKind.MotionPhoto) return item.IsVideo ? Video(item) : Photo(item);
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in new[] { (item.FileName, Photo(item)), (item.MotionVideoName, Video(item)) })
            {
                var entry = zip.CreateEntry(name, CompressionLevel.NoCompression);
                entry.LastWriteTime = item.CaptureTime;
                using var stream = entry.Open();
                stream.Write(bytes);
            }
        }

        return buffer.ToArray();
    }

    private byte[] Photo(WebItem item) => SampleMediaFactory.CreatePhoto(new PhotoSpec
    {
        Width = item.Width, Height = item.Height, Seed = _options.Seed * 1_000_003 + item.Index, CaptureTime = item.CaptureTime,
        CameraMake = "Google", CameraModel = "Pixel 8", Quality = 80,
    });

    private byte[] Video(WebItem item) => SampleMediaFactory.CreateVideo(new VideoSpec
    {
        Width = 32, Height = 24, FrameCount = 3, FramesPerSecond = 10, Seed = _options.Seed * 1_000_003 + item.Index + 500_000, CreationTime = item.CaptureTime,
    });

    /// <summary>Uploads <paramref name="count"/> new items, newer than every existing one.</summary>
    public void Add(int count) => Interlocked.Add(ref _count, count);

    /// <summary>Deletes an item: it leaves the grid, its albums, and its pages answer 404.</summary>
    public void Remove(int n) => _removed[n] = 0;
}
