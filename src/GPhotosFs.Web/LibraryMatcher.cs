using GPhotosFs.Catalog;

namespace GPhotosFs.Web;

/// <summary>
/// Recognises a web item that another source (Takeout, the Library API, a pick) already brought:
/// first by capture time to the second and photo/video kind, confirmed by file name (the info panel's,
/// so no download); else, once downloaded, by content (same size and SHA-256). The index is built once
/// per sync from the catalog.
/// </summary>
public sealed class LibraryMatcher
{
    private readonly LibraryCatalog _catalog;
    private readonly Dictionary<long, List<long>> _byTime = [];
    private readonly Dictionary<long, List<long>> _bySize = [];

    public LibraryMatcher(LibraryCatalog catalog, long webSourceId)
    {
        _catalog = catalog;
        var sources = catalog.ReadItemSourceIds();
        foreach (var row in catalog.ReadTreeItems())
        {
            if (!sources.TryGetValue(row.Id, out var source) || source == webSourceId || row.MissingSince is not null) continue;
            if (row.CaptureTime is { } t) Add(_byTime, t.ToUnixTimeSeconds(), row.Id);
            if (row.Size is { } s) Add(_bySize, s, row.Id);
        }
    }

    public int Count => _byTime.Values.Sum(v => v.Count);

    /// <summary>Items of other sources taken at this second (there may be none).</summary>
    public IReadOnlyList<ItemRecord> TakenAt(DateTimeOffset taken, bool isVideo) =>
        _byTime.TryGetValue(taken.ToUnixTimeSeconds(), out var ids)
            ? ids.Select(_catalog.GetItem).OfType<ItemRecord>().Where(i => IsVideo(i) == isVideo).ToList()
            : [];

    /// <summary>The candidate whose file name is <paramref name="fileName"/> (case-insensitive), or null.</summary>
    public static ItemRecord? ByName(IReadOnlyList<ItemRecord> candidates, string? fileName) =>
        fileName is null ? null : candidates.FirstOrDefault(c => string.Equals(c.FileName, fileName, StringComparison.OrdinalIgnoreCase));

    /// <summary>An item of another source with exactly these bytes, when the catalog knows its hash.</summary>
    public ItemRecord? ByContent(long size, string contentHash) =>
        _bySize.TryGetValue(size, out var ids)
            ? ids.Select(_catalog.GetItem).OfType<ItemRecord>().FirstOrDefault(i => i.ContentHash == contentHash)
            : null;

    private static bool IsVideo(ItemRecord item) =>
        item.MimeType?.StartsWith("video/", StringComparison.OrdinalIgnoreCase) == true
        || Path.GetExtension(item.FileName).ToLowerInvariant() is ".mov" or ".mp4" or ".m4v" or ".3gp" or ".avi" or ".mkv";

    private static void Add(Dictionary<long, List<long>> index, long key, long id)
    {
        if (!index.TryGetValue(key, out var list)) index[key] = list = [];
        list.Add(id);
    }
}
