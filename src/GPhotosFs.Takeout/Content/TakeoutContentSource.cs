using GPhotosFs.Catalog;
using GPhotosFs.Catalog.Health;
using GPhotosFs.Originals;
using GPhotosFs.Takeout.Archives;
using GPhotosFs.Takeout.Indexing;
using GPhotosFs.Vfs.Content;
using Microsoft.Extensions.Logging;

namespace GPhotosFs.Takeout.Content;

/// <summary>
/// The bytes of a Takeout source's items. Stored zip members and files of extracted folders are
/// read in place (random access, nothing copied); deflated zip members and .tgz members go
/// through the lazy-originals engine into the library's cache on first read. A missing archive
/// makes reads fail (<see cref="ContentUnavailableException"/>, hence EIO) with a message, a log
/// line and a health record naming the archive.
/// </summary>
public sealed class TakeoutContentSource : IPrefetchingContentSource, IDownloadingContentSource, IDisposable
{
    private readonly TakeoutParts _parts;
    private readonly TakeoutOriginOpener _opener;
    private readonly CachedOriginals _cache;
    private readonly ILogger _logger;

    /// <summary>Local parts only (the default resolver): stored members and folder files are read in place; remote parts always go through the cache.</summary>
    private readonly bool _inPlace;

    /// <param name="createCache">Builds the download cache of compressed members over the given origin (this source owns and disposes it).</param>
    /// <param name="currentConfig">Reads the source's config afresh (parts added or moved while mounted); null: the parts are fixed.</param>
    /// <param name="storages">Where the parts live; null: local disks (members read in place where they can be). Any other: every member goes through the cache.</param>
    public TakeoutContentSource(SourceRecord source, Func<IOriginOpener, CachedOriginals> createCache, ILogger logger,
        SourceHealthStore? health = null, Func<string?>? currentConfig = null, IPartStorageResolver? storages = null)
    {
        _logger = logger;
        _parts = new TakeoutParts(source.Id, TakeoutSourceConfig.Parse(source.Config).Parts, logger, health, currentConfig, storages);
        _inPlace = storages is null;
        _opener = new TakeoutOriginOpener(_parts);
        _cache = createCache(_opener);
    }

    public CachedOriginals Cache => _cache;

    public TakeoutOriginOpener Opener => _opener;

    /// <summary>Deflated zip members and .tgz members are extracted into the cache, and every member of a remote part; local stored members and folder files are read in place.</summary>
    public bool Downloads(ItemRecord item) => !_inPlace || MemberLocator.TryParse(item.Locator)?.Method is MemberMethod.ZipDeflated or MemberMethod.TarGzip;

    public ValueTask<IItemContent> OpenAsync(ItemRecord item, CancellationToken cancellationToken)
    {
        var locator = MemberLocator.TryParse(item.Locator)
            ?? throw new ContentUnavailableException($"'{item.FileName}' (item {item.Id}) has no usable Takeout locator; run 'gphotosfs takeout add' again");
        if (Downloads(item))
        {
            return _cache.OpenAsync(item, cancellationToken);
        }

        var (part, problem) = _parts.Find(locator, item.FileName);
        if (part is null)
        {
            throw new ContentUnavailableException(problem!);
        }

        try
        {
            if (locator.Method == MemberMethod.File)
            {
                var root = Path.GetFullPath(part.Path);
                var path = Path.GetFullPath(Path.Combine(root, locator.Path));
                if (!path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    throw new ContentUnavailableException($"'{item.FileName}' points outside its Takeout folder {root}; refusing to read it");
                }

                var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
                _cache.LearnInPlace(item, path, 0, RandomAccess.GetLength(file));
                return ValueTask.FromResult<IItemContent>(new LocalFileContent(file));
            }

            var handle = File.OpenHandle(part.Path, FileMode.Open, FileAccess.Read, FileShare.Read);
            try
            {
                var dataOffset = ZipDirectory.DataOffset(handle, locator.Position, locator.CompressedSize, Path.GetFileName(part.Path), locator.Path);
                // What a remote part's member reveals as it passes through the cache, a local one reveals read in place.
                _cache.LearnInPlace(item, part.Path, dataOffset, locator.Size);
                return ValueTask.FromResult<IItemContent>(new ArchiveMemberContent(handle, dataOffset, locator.Size, locator.Crc32, $"{Path.GetFileName(part.Path)}: {locator.Path}"));
            }
            catch
            {
                handle.Dispose();
                throw;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or TakeoutPartException)
        {
            TakeoutLog.ReadFailed(_logger, item.FileName, part.Path, PartErrors.Words(ex));
            throw new ContentUnavailableException($"cannot read '{item.FileName}' from Takeout archive {Path.GetFileName(part.Path)}: {PartErrors.Words(ex)}", ex);
        }
    }

    /// <summary>Only members that need extracting (or live remotely) are prefetched; in-place members are already local.</summary>
    public void Prefetch(ItemRecord item)
    {
        if (Downloads(item))
        {
            _cache.Prefetch(item);
        }
    }

    public void Dispose()
    {
        _cache.Dispose();
        _opener.Dispose();
    }
}
