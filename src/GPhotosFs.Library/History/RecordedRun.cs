using GPhotosFs.Catalog;
using GPhotosFs.Catalog.History;
using Microsoft.Extensions.Logging;

namespace GPhotosFs.Library.History;

/// <summary>
/// One run (sync, prefetch, Takeout add, mount) in the catalog's history: recorded when it starts,
/// completed with its outcome, and followed by a sample of the library's size. The history must
/// never fail the work it describes: a catalog that cannot take the row is logged and skipped.
/// Disposing a run that was not completed records it as failed ("ended before finishing").
/// </summary>
internal sealed class RecordedRun : IDisposable
{
    private readonly LibraryCatalog _catalog;
    private readonly LibraryLocation _library;
    private readonly ILogger _logger;
    private readonly long? _id;
    private int _finished;

    private RecordedRun(LibraryCatalog catalog, LibraryLocation library, ILogger logger, string kind, long? id)
    {
        _catalog = catalog;
        _library = library;
        _logger = logger;
        Kind = kind;
        _id = id;
    }

    public string Kind { get; }

    public static RecordedRun Start(LibraryCatalog catalog, LibraryLocation library, ILogger logger, string kind, string? sourceName = null)
    {
        long? id = null;
        try
        {
            id = catalog.StartRun(kind, sourceName, Environment.ProcessId);
        }
        catch (Exception ex) when (ex is CatalogException or InvalidOperationException or System.Data.Common.DbException)
        {
            LibraryLog.RecordFailed(logger, kind, ex.Message);
        }

        return new RecordedRun(catalog, library, logger, kind, id);
    }

    /// <summary>Records the outcome (once; later calls are ignored) and samples the library's size.</summary>
    public void Complete(RunOutcome outcome)
    {
        if (Interlocked.Exchange(ref _finished, 1) != 0 || _id is not { } id)
        {
            return;
        }

        try
        {
            _catalog.FinishRun(id, outcome);
            LibrarySampler.Record(_catalog, _library);
        }
        catch (Exception ex) when (ex is CatalogException or InvalidOperationException or IOException or UnauthorizedAccessException or ObjectDisposedException or System.Data.Common.DbException)
        {
            LibraryLog.RecordFailed(_logger, Kind, ex.Message);
        }
    }

    public void Dispose() => Complete(new RunOutcome(false, Errors: 1, Error: "ended before finishing"));
}
