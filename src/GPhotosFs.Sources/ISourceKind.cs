using GPhotosFs.Catalog.Sync;
using GPhotosFs.Vfs.Content;

namespace GPhotosFs.Sources;

/// <summary>
/// One kind of catalog source (a local folder, Takeout exports, Google's Library API…), described
/// once: its name, how its items' bytes are opened, its sync, and what its health consists of. A
/// kind plugs into a library with one line in <c>SourceRegistry</c> (src/GPhotosFs.Library); nothing
/// else in the mount, the commands or status names it.
/// </summary>
/// <remarks>
/// A source's health as <c>status</c> reports it: its health record (auth, quota, unavailable,
/// recent errors; written by the source through <see cref="SourceContext.Health"/>), staleness when
/// <see cref="CanGoStale"/>, and its items not yet cached when <see cref="DownloadsIntoCache"/>.
/// </remarks>
public interface ISourceKind
{
    /// <summary>The kind as the catalog stores it (<c>SourceRecord.Kind</c>), e.g. "takeout"; never renamed once released.</summary>
    string Name { get; }

    /// <summary>
    /// Whether the source syncs from a remote or an archive and so can go stale: <c>status</c> calls it
    /// stale (exit 13) when its last good sync is older than <c>stale_after</c>, or it never synced.
    /// </summary>
    bool CanGoStale { get; }

    /// <summary>Whether its items are downloaded into the library's cache (<c>status</c> counts those not cached yet).</summary>
    bool DownloadsIntoCache { get; }

    /// <summary>
    /// Whether an item its sync marked missing was deleted at the origin, so once uncached no copy
    /// exists anywhere: the mount and prefetch leave it out (Takeout's are not: an older archive still holds them).
    /// </summary>
    bool MissingMeansDeleted { get; }

    /// <summary>
    /// How the source's items' bytes are opened. Null when the source cannot be read now (the reason
    /// logged, naming the source): the mount still serves every other source. The result is disposed
    /// with the library's content when it is <see cref="IDisposable"/>; anything else it needs disposed
    /// goes to <see cref="SourceContext.Own"/>. A source whose bytes are downloaded gets its cache from
    /// <see cref="SourceContext.Caches"/>.
    /// </summary>
    IItemContentSource? OpenContent(SourceContext context);

    /// <summary>Its sync, or null when it has none (<c>gphotosfs sync</c> and the mount's sync interval skip it).</summary>
    ILibrarySync? CreateSync(SourceContext context);
}
