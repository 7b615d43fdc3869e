using GPhotosFs.Catalog;
using GPhotosFs.Catalog.History;
using GPhotosFs.Cli.History;
using GPhotosFs.Library;
using GPhotosFs.Library.History;
using Microsoft.Extensions.Logging;

namespace GPhotosFs.Cli.StatusPage;

/// <summary>
/// A mount's part in the history: a "mount" run from mounted to unmounted with what it downloaded
/// and how many downloads failed, and a sample of the library's and cache's size every
/// <see cref="SampleInterval"/> while it runs (so the page can draw the cache growing).
/// </summary>
internal sealed class MountHistory : IDisposable
{
    public static readonly TimeSpan SampleInterval = TimeSpan.FromHours(1);

    private readonly RecordedRun _run;
    private readonly EngineActivity _activity;
    private readonly Timer _sampler;
    private readonly LibraryCatalog _catalog;
    private readonly LibraryLocation _library;
    private readonly ILogger _logger;

    private MountHistory(LibraryCatalog catalog, LibraryLocation library, ILogger logger, EngineActivity activity)
    {
        _catalog = catalog;
        _library = library;
        _logger = logger;
        _activity = activity;
        _run = RecordedRun.Start(catalog, library, logger, RunKinds.Mount);
        _sampler = new Timer(_ => Sample(), null, TimeSpan.Zero, SampleInterval);
    }

    public static MountHistory Start(LibraryCatalog catalog, LibraryLocation library, ILogger logger, EngineActivity activity) => new(catalog, library, logger, activity);

    /// <summary>The mount ended; <paramref name="cleanly"/> is false when the session failed.</summary>
    public void Complete(bool cleanly)
    {
        _sampler.Dispose();
        var last = _activity.RecentFailures.FirstOrDefault();
        _run.Complete(new RunOutcome(
            cleanly, ItemsAdded: _activity.Downloads, BytesAdded: _activity.Bytes, Errors: _activity.Errors,
            Error: last is null ? null : $"{last.Item}: {last.Reason}"));
    }

    public void Dispose()
    {
        _sampler.Dispose();
        _run.Dispose();
    }

    private void Sample()
    {
        try
        {
            LibrarySampler.Record(_catalog, _library);
        }
        catch (Exception ex) when (ex is CatalogException or IOException or UnauthorizedAccessException or ObjectDisposedException or InvalidOperationException or System.Data.Common.DbException)
        {
            GPhotosFs.Library.LibraryLog.RecordFailed(_logger, "sample", ex.Message);
        }
    }
}
