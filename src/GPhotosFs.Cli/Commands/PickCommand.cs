using System.CommandLine;
using GPhotosFs.Catalog;
using GPhotosFs.Catalog.Health;
using GPhotosFs.Cli.Config;
using GPhotosFs.Cli.Logging;
using GPhotosFs.Google;
using GPhotosFs.Library;
using GPhotosFs.Originals;
using Microsoft.Extensions.Logging;
using QRCoder;

namespace GPhotosFs.Cli.Commands;

/// <summary>
/// <c>gphotosfs pick</c>: choose photos in Google's picker (any item of the library, unlike the
/// Library API) and copy their originals into the cache at once, while their URLs live.
/// </summary>
internal static class PickCommand
{
    public static Command Create()
    {
        var library = CliOptions.Library();
        var album = new Option<string?>("--album") { Description = "Also put the picked items in this album", HelpName = "TITLE" };
        var timeout = new Option<int>("--timeout") { Description = "Minutes to wait for you to finish picking", HelpName = "MINUTES", DefaultValueFactory = _ => 30 };
        var noQr = new Option<bool>("--no-qr") { Description = "Print only the URL, no QR code" };
        var verbose = CliOptions.Verbose();
        var command = new Command("pick", "Pick photos in Google Photos' picker (phone or browser) and download their originals")
        {
            library, album, timeout, noQr, verbose,
        };
        command.SetAction((parse, cancellationToken) => ConfiguredLibrary.ResolveOrReport(parse.GetValue(library), out var code) is { } at
            ? RunAsync(at.Library, parse.GetValue(album), parse.GetValue(timeout), parse.GetValue(noQr), parse.GetValue(verbose), cancellationToken)
            : Task.FromResult(code));
        return command;
    }

    private static async Task<int> RunAsync(LibraryLocation library, string? album, int timeoutMinutes, bool noQr, bool verbose, CancellationToken cancellationToken)
    {
        if (album is not null && string.IsNullOrWhiteSpace(album))
        {
            Console.Error.WriteLine("gphotosfs: --album needs a title.");
            return ExitCodes.Usage;
        }

        var logger = new StderrLogger("gphotosfs", verbose ? LogLevel.Debug : LogLevel.Warning);
        try
        {
            Directory.CreateDirectory(library.Folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            using var catalog = LibraryCatalog.Open(library.CatalogPath, CatalogAccess.ReadWrite);
            var source = PickerImport.EnsureSource(catalog);
            var health = new SourceHealthStore(library.StateFolder);
            using var google = new GoogleConnection(library.ConfigFolder, health, source.Id, logger);
            var options = new OriginalsOptions();
            var resilience = new OriginResilience(options);
            var caches = new List<CachedOriginals>();
            var origins = new List<SizeFromDownloadOrigin>();
            var import = new PickerImport(catalog, google, library.StateFolder, logger);
            try
            {
                var outcome = await import.RunAsync(
                    new PickRequest(album, TimeSpan.FromMinutes(timeoutMinutes)),
                    (session, resumed) => ShowSession(session, resumed, noQr),
                    urls =>
                    {
                        // Picked items have no known size: the size probe's request is the download (one media request each).
                        var origin = new SizeFromDownloadOrigin(new BudgetedOrigin(new HttpOrigin(google.Http, urls), google.Budget));
                        origins.Add(origin);
                        var cache = new CachedOriginals(library.CacheFolder, library.PartialFolder, origin,
                            resilience, options, logger, new CatalogFactsSink(catalog));
                        caches.Add(cache);
                        return new CacheDownloads(cache);
                    },
                    new Progress<(int Done, int Total)>(p => Console.Error.WriteLine($"downloaded {p.Done}/{p.Total}")),
                    cancellationToken);
                if (outcome.Error is not null)
                {
                    Console.Error.WriteLine($"gphotosfs: {outcome.Error}");
                    return ExitCodes.Failed;
                }

                Console.Error.WriteLine($"Picked {outcome.Picked} items; their originals are in {library.CacheFolder}" + (album is null ? "." : $" and in album '{album}'."));
                return ExitCodes.Ok;
            }
            finally
            {
                foreach (var cache in caches) cache.Dispose();
                foreach (var origin in origins) origin.Dispose();
            }
        }
        catch (Exception ex) when (ex is GoogleApiException or GoogleAuthException or GoogleConfigException or CatalogException)
        {
            Console.Error.WriteLine($"gphotosfs: {ex.Message}");
            Console.Error.WriteLine("An unfinished pick resumes when you run `gphotosfs pick` again.");
            return ExitCodes.Failed;
        }
    }

    private static void ShowSession(PickingSession session, bool resumed, bool noQr)
    {
        Console.Error.WriteLine(resumed ? "Resuming the unfinished pick. Open (or keep open):" : "Open this link on your phone or in a browser, pick your photos, then press Done:");
        Console.Out.WriteLine(session.PickerUri);
        Console.Out.Flush();
        if (!noQr && session.PickerUri is { } uri)
        {
            using var generator = new QRCodeGenerator();
            using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.L);
            Console.Error.WriteLine(new AsciiQRCode(data).GetGraphicSmall());
        }

        Console.Error.WriteLine("Waiting for you to finish picking…");
    }

    private sealed class CacheDownloads(CachedOriginals cache) : ICachedDownloads
    {
        public Task DownloadAsync(ItemRecord item, CancellationToken cancellationToken) => cache.PrefetchAsync(item, cancellationToken);
    }
}
