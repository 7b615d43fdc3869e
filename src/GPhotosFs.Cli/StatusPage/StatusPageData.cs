using GPhotosFs.Catalog;
using GPhotosFs.Catalog.History;
using GPhotosFs.Cli.Status;
using GPhotosFs.Library;
using GPhotosFs.Library.History;

namespace GPhotosFs.Cli.StatusPage;

/// <summary>An error shown on the page: when, where it came from, and what (scrubbed).</summary>
internal sealed record PageError(DateTimeOffset At, string Origin, string Message);

/// <summary>Everything the status page and the metrics show, read at one moment (only reads).</summary>
internal sealed record StatusPageData(
    LibraryStatus Status,
    IReadOnlyList<RunRecord> Runs,
    IReadOnlyList<LibrarySample> Samples,
    IReadOnlyList<QuotaDay> QuotaDays,
    IReadOnlyDictionary<int, long> ItemsPerYear,
    long LibraryItems,
    long LibraryBytes,
    IReadOnlyList<PageError> RecentErrors)
{
    /// <summary>How far back the charts look.</summary>
    public static readonly TimeSpan ChartWindow = TimeSpan.FromDays(90);

    public const int MaxErrors = 20;

    public static StatusPageData Gather(
        LibraryCatalog catalog, LibraryLocation library, TimeSpan staleAfter, IReadOnlyList<RecentFailure> liveFailures, TimeProvider? time = null)
    {
        var clock = time ?? TimeProvider.System;
        var scrubber = new PageScrubber(library.Folder);
        var status = Scrubbed(LibraryStatusReader.Read(catalog, library, staleAfter, clock), scrubber);
        var since = clock.GetUtcNow() - ChartWindow;
        var runs = catalog.GetRuns(since).Select(r => r.Error is { } error ? r with { Error = scrubber.Scrub(error) } : r).ToList();
        var (items, bytes) = catalog.MeasureLibrary();

        var errors = new List<PageError>();
        foreach (var source in status.Sources)
        {
            errors.AddRange(source.RecentErrors.Select(e => new PageError(e.At, $"{source.Kind}:{source.Name}", e.Message)));
        }

        errors.AddRange(runs.Where(r => r.Error is not null).Select(r => new PageError(r.FinishedAt ?? r.StartedAt, r.SourceName is null ? r.Kind : $"{r.Kind} {r.SourceName}", r.Error!)));
        errors.AddRange(liveFailures.Select(f => new PageError(f.At, $"download ({f.Kind})", $"{f.Item}: {f.Reason}")));
        var recent = errors
            .Select(e => e with { Message = scrubber.Scrub(e.Message) })
            .DistinctBy(e => (e.At, e.Message))
            .OrderByDescending(e => e.At)
            .Take(MaxErrors)
            .ToList();

        return new StatusPageData(
            status,
            runs,
            catalog.GetSamples(since),
            catalog.GetQuotaDays(LibrarySampler.Day(since)),
            catalog.CountItemsPerYear(),
            items,
            bytes,
            recent);
    }

    /// <summary>Every message of the status as the page may show it (the page names the library folder, the cache and mount point not at all).</summary>
    private static LibraryStatus Scrubbed(LibraryStatus status, PageScrubber scrubber)
    {
        string? S(string? text) => text is null ? null : scrubber.Scrub(text);
        return status with
        {
            Problems = status.Problems.Select(p => scrubber.Scrub(p)).ToList(),
            Sources = status.Sources.Select(source => source with
            {
                AuthMessage = S(source.AuthMessage),
                QuotaMessage = S(source.QuotaMessage),
                Unavailable = S(source.Unavailable),
                LastSync = source.LastSync is { } sync ? sync with { Error = S(sync.Error) } : null,
                RecentErrors = source.RecentErrors.Select(e => e with { Message = scrubber.Scrub(e.Message) }).ToList(),
            }).ToList(),
        };
    }
}
