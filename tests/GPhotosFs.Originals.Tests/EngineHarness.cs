using GPhotosFs.Catalog;
using GPhotosFs.SampleMedia;
using Microsoft.Extensions.Logging.Abstractions;

namespace GPhotosFs.Originals.Tests;

/// <summary>A real catalog, cache and partial folders in a temp dir, and a <see cref="FaultyOrigin"/> holding the originals.</summary>
internal sealed class EngineHarness : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("gphotosfs-engine-");
    private readonly long _sourceId;

    public EngineHarness()
    {
        Catalog = LibraryCatalog.Open(Path.Combine(_dir.FullName, "catalog.db"), CatalogAccess.ReadWrite);
        _sourceId = Catalog.EnsureSource("test", "test", null).Id;
    }

    public LibraryCatalog Catalog { get; }

    public FaultyOrigin Origin { get; } = new();

    public string CacheFolder => Path.Combine(_dir.FullName, "cache");

    public string PartialFolder => Path.Combine(_dir.FullName, "partial");

    public RecordingSink Facts { get; } = new();

    public static OriginalsOptions FastOptions => new()
    {
        RetryBaseDelay = TimeSpan.FromMilliseconds(5),
        RetryMaxDelay = TimeSpan.FromMilliseconds(50),
        ThrottleFloor = TimeSpan.FromMilliseconds(200),
        StallDeadline = TimeSpan.FromSeconds(5),
        RequestTimeout = TimeSpan.FromSeconds(5),
        InitialWindowBytes = 256 * 1024,
        MaxWindowBytes = 4 << 20,
        FarAheadBytes = 1 << 20,
        CheckpointBytes = 512 * 1024,
        MaxRetries = 20,
    };

    public long SourceId => _sourceId;

    public string Folder => _dir.FullName;

    public GPhotosFs.Catalog.Health.CacheHealthStore CacheHealth => new(Path.Combine(_dir.FullName, "state"));

    /// <param name="time">The clock of the retry policy's waits (e.g. the throttle floor), for tests that check them.</param>
    /// <param name="partialOpener">Opens partial downloads in place of <see cref="PartialOriginal.OpenOrCreate"/> (a slow-disk double).</param>
    public CachedOriginals NewCache(OriginalsOptions? options = null, string? cacheFolder = null, string? partialFolder = null, IOriginOpener? origin = null, SourceAvailability? availability = null, TimeProvider? time = null,
        Func<string, string, long, string, PartialOriginal>? partialOpener = null)
    {
        options ??= FastOptions;
        return new CachedOriginals(cacheFolder ?? CacheFolder, partialFolder ?? PartialFolder, origin ?? Origin, new OriginResilience(options, time), options, NullLogger.Instance, Facts,
            CacheHealth, availability)
        {
            PartialOpener = partialOpener ?? PartialOriginal.OpenOrCreate,
        };
    }

    /// <summary>A real JPEG of about <paramref name="approximateBytes"/> (bigger images give bigger files).</summary>
    public ItemRecord AddPhoto(string id, int width, int height, DateTimeOffset captured)
    {
        var bytes = SampleMediaFactory.CreatePhoto(new PhotoSpec { Width = width, Height = height, Seed = id.GetHashCode(), CaptureTime = captured, CameraMake = "Canon", CameraModel = "EOS R5" });
        return Add(id, bytes, captured, "image/jpeg", id + ".jpg");
    }

    public ItemRecord Add(string id, byte[] bytes, DateTimeOffset? captured, string mime, string fileName, long? recordedSize = -1)
    {
        Origin.Add(id, bytes);
        var ids = Catalog.UpsertItems([new ItemRecord
        {
            SourceId = _sourceId, SourceItemId = id, FileName = fileName, MimeType = mime, CaptureTime = captured,
            Size = recordedSize == -1 ? bytes.Length : recordedSize,
        }]);
        Catalog.AssignPaths();
        return Catalog.GetItem(ids[0])!;
    }

    public void Dispose()
    {
        Catalog.Dispose();
        _dir.Delete(recursive: true);
    }

    internal sealed class RecordingSink : IOriginalFactsSink
    {
        public System.Collections.Concurrent.ConcurrentDictionary<long, ItemFacts> Recorded { get; } = new();

        public void Record(long itemId, ItemFacts facts) => Recorded[itemId] = facts;
    }
}
