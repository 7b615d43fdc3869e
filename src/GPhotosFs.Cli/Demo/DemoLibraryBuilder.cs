using System.Security.Cryptography;
using GPhotosFs.Catalog;
using GPhotosFs.Library;
using GPhotosFs.SampleMedia;
using GPhotosFs.Vfs.Content;

namespace GPhotosFs.Cli.Demo;

/// <summary>
/// Creates the sample library: real JPEGs with EXIF and a short QuickTime video generated here, two
/// albums, and the awkward names a real library has (slashes, control characters, case and exact
/// collisions, a name over 255 bytes, an undated item, a trashed one). Options add many small
/// generated photos for tests and benchmarks.
/// </summary>
public sealed class DemoLibraryBuilder(LibraryLocation library)
{
    public const string SourceName = "demo";
    public const string OriginalsFolder = "originals";

    /// <summary>Extra small photos beyond the showcase set.</summary>
    public int ExtraItems { get; init; }

    /// <summary>Pad each extra photo to about this many KiB (JPEG comment segments of random bytes), for transfer benchmarks; 0 keeps them tiny.</summary>
    public int ExtraKibibytes { get; init; }

    /// <summary>Put every extra item in one month folder (a single very large folder).</summary>
    public bool ExtraInOneFolder { get; init; }

    /// <summary>Add one item of this many MiB (pseudo-random bytes) for read benchmarks.</summary>
    public int BigItemMebibytes { get; init; }

    public IProgress<(int Done, int Total)>? Progress { get; init; }

    /// <summary>
    /// Register the originals as downloadable from this base address (serving the originals folder)
    /// instead of as local files, so reads go through the download engine and the cache.
    /// </summary>
    public Uri? OriginBaseUri { get; init; }

    public DemoSummary Build()
    {
        Directory.CreateDirectory(library.Folder);
        var originals = Path.Combine(library.Folder, OriginalsFolder);
        Directory.CreateDirectory(originals);
        using var catalog = LibraryCatalog.Open(library.CatalogPath, CatalogAccess.ReadWrite);
        var source = OriginBaseUri is null
            ? catalog.EnsureSource(SourceKinds.Local, SourceName, OriginalsFolder)
            : catalog.EnsureSource(SourceKinds.Http, SourceName, OriginBaseUri.AbsoluteUri);

        var showcase = DemoShowcase.Items();
        var records = new List<ItemRecord>(showcase.Count + ExtraItems + 1);
        var total = showcase.Count + ExtraItems + (BigItemMebibytes > 0 ? 1 : 0);
        var done = 0;
        foreach (var item in showcase)
        {
            var bytes = item.Bytes();
            var relative = $"showcase/{item.Key}";
            WriteFile(Path.Combine(originals, relative), bytes);
            records.Add(Record(source.Id, relative, item, bytes));
            Progress?.Report((++done, total));
        }

        records.AddRange(ExtraRecords(source.Id, originals, ref done, total));
        if (BigItemMebibytes > 0)
        {
            records.Add(BigRecord(source.Id, originals));
            Progress?.Report((++done, total));
        }

        var ids = catalog.UpsertItems(records);
        var idByKey = records.Select((r, i) => (r.SourceItemId, Id: ids[i])).ToDictionary(p => p.SourceItemId, p => p.Id);
        foreach (var album in showcase.SelectMany(i => i.Albums).Distinct())
        {
            var albumId = catalog.UpsertAlbum(new AlbumRecord { SourceId = source.Id, SourceAlbumId = album, Title = album });
            catalog.SetAlbumItems(albumId, showcase.Where(i => i.Albums.Contains(album)).Select(i => idByKey[$"showcase/{i.Key}"]).ToList());
        }

        catalog.AssignPaths();
        return new DemoSummary(library.Folder, records.Count, records.Sum(r => r.Size ?? 0));
    }

    private static ItemRecord Record(long sourceId, string relative, DemoItem item, byte[] bytes) => new()
    {
        SourceId = sourceId,
        SourceItemId = relative,
        Locator = relative,
        FileName = item.GoogleFileName,
        MimeType = item.MimeType,
        CaptureTime = item.CaptureTime,
        CaptureTimeSource = item.CaptureTime is null ? null : "exif",
        Size = bytes.Length,
        CameraMake = item.CameraMake,
        CameraModel = item.CameraModel,
        Latitude = item.Gps?.Latitude,
        Longitude = item.Gps?.Longitude,
        Altitude = item.Gps?.AltitudeMeters,
        Description = item.Description,
        IsFavorite = item.Favorite,
        IsTrashed = item.Trashed,
        ContentHash = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes)),
    };

    private List<ItemRecord> ExtraRecords(long sourceId, string originals, ref int done, int total)
    {
        var records = new ItemRecord[ExtraItems];
        var start = new DateTimeOffset(2015, 1, 1, 9, 0, 0, TimeSpan.Zero);
        var progress = done;
        Parallel.For(0, ExtraItems, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            // Spread over ten years, about two photos a day, unless all go in one folder.
            var when = ExtraInOneFolder ? start.AddSeconds(i) : start.AddMinutes(i * 43.0);
            var bytes = SampleMediaFactory.CreatePhoto(new PhotoSpec { Width = 16, Height = 16, Seed = i, Quality = 50, CaptureTime = when });
            if (ExtraKibibytes > 0)
            {
                bytes = JpegPadding.PadTo(bytes, ExtraKibibytes * 1024L, seed: i);
            }

            var relative = $"extra/{i / 1000:D4}/{i:D7}.jpg";
            WriteFile(Path.Combine(originals, relative), bytes);
            records[i] = new ItemRecord
            {
                SourceId = sourceId,
                SourceItemId = relative,
                Locator = relative,
                FileName = $"IMG_{when:yyyyMMdd_HHmmss}_{i % 1000:D3}.jpg",
                MimeType = "image/jpeg",
                CaptureTime = when,
                CaptureTimeSource = "exif",
                Size = bytes.Length,
                CameraMake = "GPhotosFs",
                CameraModel = "Sample Camera",
            };
            var n = Interlocked.Increment(ref progress);
            if (n % 1000 == 0)
            {
                Progress?.Report((n, total));
            }
        });
        done = progress;
        return [.. records];
    }

    private ItemRecord BigRecord(long sourceId, string originals)
    {
        const string relative = "big/big-sample.bin";
        var path = Path.Combine(originals, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var block = new byte[1 << 20];
        new Random(42).NextBytes(block);
        using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        {
            for (var i = 0; i < BigItemMebibytes; i++)
            {
                block[0] = (byte)i; // no two MiB identical
                stream.Write(block);
            }
        }

        return new ItemRecord
        {
            SourceId = sourceId,
            SourceItemId = relative,
            Locator = relative,
            FileName = "big-sample.bin",
            MimeType = "application/octet-stream",
            CaptureTime = new DateTimeOffset(2024, 6, 1, 12, 0, 0, TimeSpan.Zero),
            CaptureTimeSource = "api",
            Size = (long)BigItemMebibytes << 20,
        };
    }

    private static void WriteFile(string path, byte[] bytes)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
    }
}

public sealed record DemoSummary(string Folder, int Items, long Bytes);
