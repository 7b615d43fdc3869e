using GPhotosFs.Catalog;
using GPhotosFs.Cli.History;
using GPhotosFs.Library;
using Microsoft.Extensions.Logging;

namespace GPhotosFs.Cli.StatusPage;

/// <summary>Starting the status server beside a mount: a port that cannot be had is logged, and the mount goes on without the page.</summary>
internal static class StatusServing
{
    public static StatusServer? StartOrLog(LibraryCatalog catalog, LibraryLocation library, Func<TimeSpan> staleAfter, EngineActivity activity, int port, ILogger logger)
    {
        try
        {
            return StatusServer.StartAsync(catalog, library, staleAfter, activity, port, logger).GetAwaiter().GetResult();
        }
        catch (IOException ex)
        {
            // Kestrel reports a port in use as an IOException (AddressInUseException).
            HistoryLog.ServeFailed(logger, port, ex.Message);
            return null;
        }
    }
}
