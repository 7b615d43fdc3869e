using GPhotosFs.Catalog;
using GPhotosFs.Catalog.Health;
using GPhotosFs.Originals;
using Microsoft.Extensions.Logging;

namespace GPhotosFs.Sources;

/// <summary>
/// Builds the download cache (<see cref="CachedOriginals"/>) of each source that downloads, all the
/// same way: into the library's one cache and partial folders, with the library's options, recording
/// what originals reveal in the catalog, the cache's health (disk full, evictions) and whether the
/// source answers in its health record, each with its own retry policy (a used-up quota at one source
/// must not stop reads of another). Keeps the list, so the library can follow every commit.
/// </summary>
public sealed class DownloadCaches(string cacheFolder, string partialFolder, string stateFolder, OriginalsOptions options, IOriginalFactsSink facts, ILogger logger)
{
    private readonly List<CachedOriginals> _all = [];

    public OriginalsOptions Options => options;

    /// <summary>Every cache built so far.</summary>
    public IReadOnlyList<CachedOriginals> All
    {
        get
        {
            lock (_all)
            {
                return _all.ToList();
            }
        }
    }

    /// <param name="checkMedia">
    /// Whether a download must parse as the media its name says before it is committed; a source that
    /// checks its bytes otherwise (Takeout: each member's CRC-32 as it streams) may turn it off.
    /// </param>
    /// <remarks>The caller owns the cache: dispose it before the origin it reads from.</remarks>
    public CachedOriginals Create(SourceRecord source, IOriginOpener origin, bool checkMedia = true)
    {
        var engineOptions = checkMedia ? options : options with { RequireReadableMedia = false };
        var cache = new CachedOriginals(cacheFolder, partialFolder, origin, new OriginResilience(engineOptions), engineOptions, logger, facts,
            new CacheHealthStore(stateFolder), new SourceAvailability(new SourceHealthStore(stateFolder), source.Id, logger));
        lock (_all)
        {
            _all.Add(cache);
        }

        return cache;
    }
}
