using GPhotosFs.Catalog;
using GPhotosFs.Catalog.Sync;
using GPhotosFs.Originals;
using GPhotosFs.Sources;
using GPhotosFs.Vfs.Content;

namespace GPhotosFs.Library.Tests.TestSource;

/// <summary>
/// A trivial source kind living in a test project, to prove a new kind needs only its own code and
/// one registration line: <c>SourceRegistry.Default.With(new PatternSourceKind())</c>. Its "remote"
/// is the source's config, <c>id:size,id:size</c> (<see cref="PatternListing"/>); an item's bytes
/// are <see cref="PatternBytes"/>, downloaded through the library's cache like any remote source's.
/// </summary>
public sealed class PatternSourceKind : ISourceKind
{
    public const string KindName = "test-pattern";

    public string Name => KindName;

    public bool CanGoStale => true;

    public bool DownloadsIntoCache => true;

    public bool MissingMeansDeleted => true;

    public IItemContentSource OpenContent(SourceContext context) =>
        context.Caches.Create(context.Source, new PatternOrigin(context.Catalog, context.Source.Id));

    public ILibrarySync CreateSync(SourceContext context) => new PatternSync(context.Catalog);
}

/// <summary>The listing a pattern source serves: its config, <c>id:size,...</c>; an id listed as <c>!fail</c> makes syncs fail.</summary>
public static class PatternListing
{
    public const string FailMarker = "!fail";

    public static Dictionary<string, long> Parse(string? config) =>
        (config ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Where(e => e != FailMarker)
            .Select(e => e.Split(':'))
            .ToDictionary(p => p[0], p => long.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal);

    public static string Format(IEnumerable<KeyValuePair<string, long>> items) => string.Join(',', items.Select(i => $"{i.Key}:{i.Value}"));
}

/// <summary>Serves the pattern bytes of the items the source's current config lists; an unlisted one is gone (404-like).</summary>
internal sealed class PatternOrigin(LibraryCatalog catalog, long sourceId) : IOriginOpener
{
    public Task<OriginResponse> OpenRangeAsync(OriginalKey key, long offset, long? length, CancellationToken cancellationToken)
    {
        var listing = PatternListing.Parse(catalog.GetSources().Single(s => s.Id == sourceId).Config);
        if (!listing.TryGetValue(key.SourceItemId, out var size))
        {
            throw new OriginException(OriginFailureKind.Permanent, $"'{key.DisplayName}' is no longer at the pattern source");
        }

        var end = length is { } l ? Math.Min(size, offset + l) : size;
        var bytes = PatternBytes.Range(key.SourceItemId, offset, (int)Math.Max(0, end - offset));
        return Task.FromResult(new OriginResponse(new MemoryStream(bytes, writable: false), offset, size));
    }
}

/// <summary>Lists the config into the catalog; a full sync marks what left it missing.</summary>
internal sealed class PatternSync(LibraryCatalog catalog) : ILibrarySync
{
    public string Kind => PatternSourceKind.KindName;

    public Task<SyncOutcome> SyncAsync(SourceRecord source, SyncRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var started = DateTimeOffset.UtcNow;
        var config = catalog.GetSources().Single(s => s.Id == source.Id).Config;
        var previous = catalog.GetSyncState(source.Id);
        if ((config ?? "").Split(',').Contains(PatternListing.FailMarker))
        {
            var error = $"sync of '{source.Name}' failed: the pattern source refused the listing";
            catalog.SaveSyncState((previous ?? new SyncState { SourceId = source.Id }) with
            {
                LastStarted = started, LastFinished = DateTimeOffset.UtcNow, LastResult = SyncResult.Failed.ToText(), LastError = error,
            });
            return Task.FromResult(new SyncOutcome(SyncResult.Failed, 0, 0, 0, error));
        }

        var listing = PatternListing.Parse(config);
        var known = catalog.ReadSourceItemKeys(source.Id).Select(k => k.SourceItemId).ToHashSet(StringComparer.Ordinal);
        var added = listing.Keys.Count(id => !known.Contains(id));
        catalog.UpsertItems(listing.Select(i => PatternBytes.Item(source.Id, i.Key, i.Value)).ToList());
        long missing = 0;
        if (request.Full)
        {
            missing = catalog.MarkMissing(source.Id, listing.Keys.ToList()).NewlyMissing;
        }

        catalog.AssignPaths();
        var finished = DateTimeOffset.UtcNow;
        catalog.SaveSyncState(new SyncState
        {
            SourceId = source.Id, LastStarted = started, LastFinished = finished, LastSuccess = finished,
            LastResult = SyncResult.Ok.ToText(), ItemsSeen = listing.Count,
        });
        return Task.FromResult(new SyncOutcome(SyncResult.Ok, listing.Count, added, missing));
    }
}
