using GPhotosFs.Catalog;
using GPhotosFs.Catalog.Health;
using GPhotosFs.Originals;
using GPhotosFs.Takeout.Content;
using GPhotosFs.Takeout.Indexing;
using GPhotosFs.Takeout.Samples;
using Microsoft.Extensions.Logging.Abstractions;

namespace GPhotosFs.Takeout.Tests;

/// <summary>A real catalog in a scratch folder with the Takeout indexer and content source over it.</summary>
public sealed class TakeoutLibrary : IDisposable
{
    private readonly TempFolder _temp = new();

    public TakeoutLibrary()
    {
        Catalog = LibraryCatalog.Open(_temp.Combine("catalog.db"), CatalogAccess.ReadWrite);
        Indexer = new TakeoutIndexer(Catalog);
    }

    public LibraryCatalog Catalog { get; }

    public TakeoutIndexer Indexer { get; }

    public string Exports => Directory.CreateDirectory(_temp.Combine("exports")).FullName;

    public SourceHealthStore Health => new(_temp.Combine("state"));

    public TakeoutAddResult Add(params IReadOnlyList<string> paths) => Indexer.Add(paths);

    /// <summary>Writes members as an export of the given format ("zip", "zip-deflated", "tgz", "folder").</summary>
    public IReadOnlyList<string> Write(string format, string exportName, IReadOnlyList<TakeoutMember> members, int parts = 2) => format switch
    {
        "zip" => TakeoutExportWriter.WriteZip(Exports, exportName, members, parts, deflate: false),
        "zip-deflated" => TakeoutExportWriter.WriteZip(Exports, exportName, members, parts, deflate: true),
        "tgz" => TakeoutExportWriter.WriteTgz(Exports, exportName, members, parts),
        "folder" => [TakeoutExportWriter.WriteFolder(Path.Combine(Exports, exportName), members)],
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    /// <summary>Visible tree paths ("photos/2019/07/x.jpg"), trashed items left out as the mount does.</summary>
    public List<string> PhotoPaths() =>
        Catalog.ReadTreeItems().Where(i => !i.IsTrashed).Select(i => $"{i.DirPath}/{i.Name}").Order(StringComparer.Ordinal).ToList();

    public ItemRecord Item(string fileName) =>
        Catalog.ReadTreeItems().Select(r => Catalog.GetItem(r.Id)!).Single(i => i.FileName == fileName);

    public Dictionary<string, List<string>> Albums()
    {
        var names = Catalog.ReadTreeItems().ToDictionary(i => i.Id, i => i.Name);
        var entries = Catalog.ReadTreeAlbumEntries().ToList();
        return Catalog.ReadTreeAlbums().ToDictionary(
            a => a.Title,
            a => entries.Where(e => e.AlbumId == a.Id).OrderBy(e => e.Position).Select(e => names[e.ItemId]).ToList());
    }

    public TakeoutContentSource Content()
    {
        var source = Catalog.GetSources().Single(s => s.Kind == SourceKinds.Takeout);
        var options = new OriginalsOptions { MaxRetries = 1, RetryBaseDelay = TimeSpan.FromMilliseconds(10) };
        return new TakeoutContentSource(
            source,
            origin => new CachedOriginals(_temp.Combine("cache"), _temp.Combine("partial"), origin, new OriginResilience(options), options with { RequireReadableMedia = false }, NullLogger.Instance),
            NullLogger.Instance,
            Health,
            currentConfig: () => Catalog.GetSources().Single(s => s.Id == source.Id).Config);
    }

    public static async Task<byte[]> ReadAllAsync(GPhotosFs.Vfs.Content.IItemContent content)
    {
        var bytes = new byte[content.Length];
        var done = 0;
        while (done < bytes.Length)
        {
            var n = await content.ReadAsync(done, bytes.AsMemory(done), CancellationToken.None);
            Assert.True(n > 0, $"content ended at {done} of {bytes.Length}");
            done += n;
        }

        return bytes;
    }

    public void Dispose()
    {
        Catalog.Dispose();
        _temp.Dispose();
    }
}
