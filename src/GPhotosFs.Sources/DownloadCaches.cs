using GPhotosFs.Catalog;
using GPhotosFs.Catalog.Health;
using GPhotosFs.Originals;
using GPhotosFs.Vfs.Content;
using Microsoft.Extensions.Logging;

namespace GPhotosFs.Sources;

/// <summary>
/// Builds the download cache (<see cref="CachedOriginals"/>) of each source that downloads, all the
/// same way: into the library's one cache and partial folders, with the library's options, recording
/// what originals reveal in the catalog, the cache's health (disk full, evictions) and whether the
/// source answers in its health record, each with its own retry policy (a used-up quota at one source
/// must not stop reads of another). Keeps the list, so the library can follow every commit.
/// </summary>
/// <param name="wrapOrigin">Wraps every source's origin (tests inject faults with it, whatever the source); null: none.</param>
public sealed class DownloadCaches(string cacheFolder, string partialFolder, string stateFolder, OriginalsOptions options, IOriginalFactsSink facts, ILogger logger,
    Func<IOriginOpener, IOriginOpener>? wrapOrigin = null)
{
    private readonly List<CachedOriginals> _all = [];

    public OriginalsOptions Options => options;

    /// <summary>The one budget of read and download buffers of every cache built here (and of the mount's reads).</summary>
    public BufferBudget Buffers { get; } = new(options.BufferBudgetBytes);

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
        var cache = new CachedOriginals(cacheFolder, partialFolder, wrapOrigin is null ? origin : wrapOrigin(origin), new OriginResilience(engineOptions), engineOptions, logger, facts,
            new CacheHealthStore(stateFolder), new SourceAvailability(new SourceHealthStore(stateFolder), source.Id, logger), Buffers);
        lock (_all)
        {
            _all.Add(cache);
        }

        return cache;
    }
}
