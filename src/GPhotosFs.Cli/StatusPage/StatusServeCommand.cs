using GPhotosFs.Catalog;
using GPhotosFs.Cli.Commands;
using GPhotosFs.Cli.Config;
using GPhotosFs.Cli.Logging;
using GPhotosFs.Library;
using GPhotosFs.Mount;
using Microsoft.Extensions.Logging;

namespace GPhotosFs.Cli.StatusPage;

/// <summary><c>gphotosfs status --serve [--port N]</c>: the status page and /metrics without a mount, until Ctrl-C or SIGTERM.</summary>
internal static class StatusServeCommand
{
    public const int DefaultPort = 9847;

    public static int Run(string? libraryOption, string? staleAfterOption, int port)
    {
        var logger = new StderrLogger("gphotosfs", LogLevel.Information);
        try
        {
            StatusPortOption.Parse(port.ToString(System.Globalization.CultureInfo.InvariantCulture), $"--port {port}");
            var (library, config) = ConfiguredLibrary.Resolve(libraryOption);
            var staleAfter = ConfigOptions.StaleAfterFrom(staleAfterOption, config);
            if (!library.Exists)
            {
                Console.Error.WriteLine($"gphotosfs: no library at {library.Folder} (no {Library.LibraryLocation.CatalogFileName}); create one with 'gphotosfs init --library {library.Folder}'.");
                return ExitCodes.Failed;
            }

            using var signals = ProcessSignals.Register();
            using var catalog = LibraryCatalog.Open(library.CatalogPath, CatalogAccess.ReadOnly);
            using var activity = new EngineActivity(timeFuse: false);
            StatusServer server;
            try
            {
                server = StatusServer.StartAsync(catalog, library, () => staleAfter, activity, port, logger).GetAwaiter().GetResult();
            }
            catch (IOException ex)
            {
                Console.Error.WriteLine($"gphotosfs: cannot listen on 127.0.0.1:{port} ({ex.Message}); choose another with --port.");
                return ExitCodes.Failed;
            }

            Console.Error.WriteLine($"Serving the status of {library.Folder} on http://127.0.0.1:{server.Port}/ (metrics at /metrics); Ctrl-C stops.");
            signals.StopRequested.GetAwaiter().GetResult();
            server.DisposeAsync().AsTask().GetAwaiter().GetResult();
            return ExitCodes.Ok;
        }
        catch (ConfigException ex)
        {
            Console.Error.WriteLine($"gphotosfs: {ex.Message}");
            return ExitCodes.Config;
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine($"gphotosfs: {ex.Message}");
            return ExitCodes.Usage;
        }
        catch (CatalogException ex)
        {
            Console.Error.WriteLine($"gphotosfs: {ex.Message}");
            return ExitCodes.Failed;
        }
    }
}
