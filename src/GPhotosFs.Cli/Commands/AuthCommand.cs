using System.CommandLine;
using GPhotosFs.Catalog;
using GPhotosFs.Catalog.Health;
using GPhotosFs.Cli.Config;
using GPhotosFs.Google;
using GPhotosFs.Library;

namespace GPhotosFs.Cli.Commands;

/// <summary>
/// <c>gphotosfs auth</c>: authorize gphotosfs once with the user's own Desktop OAuth client. The
/// URL is printed, never opened (servers have no browser); Google redirects the browser to
/// 127.0.0.1:PORT, which an <c>ssh -L</c> tunnel carries from a laptop to a headless box.
/// </summary>
internal static class AuthCommand
{
    public const string LibrarySourceName = "google";

    public static Command Create()
    {
        var library = CliOptions.Library();
        var clientSecret = new Option<string?>("--client-secret")
        {
            Description = "The OAuth client JSON of type \"Desktop app\" from the Google Cloud console (kept in the config folder; default: the one kept there)",
            HelpName = "FILE",
        };
        var port = new Option<int>("--port", "-p") { Description = "The loopback port Google redirects the browser to", HelpName = "PORT", DefaultValueFactory = _ => 8085 };
        var timeout = new Option<int>("--timeout") { Description = "Minutes to wait for the browser", HelpName = "MINUTES", DefaultValueFactory = _ => 10 };
        var command = new Command("auth", "Authorize gphotosfs to read your Google Photos (once; the token refreshes itself)")
        {
            library, clientSecret, port, timeout,
        };
        command.SetAction((parse, cancellationToken) => ConfiguredLibrary.ResolveOrReport(parse.GetValue(library), out var code) is { } at
            ? RunAsync(at.Library, parse.GetValue(clientSecret), parse.GetValue(port), parse.GetValue(timeout), cancellationToken)
            : Task.FromResult(code));
        return command;
    }

    private static async Task<int> RunAsync(LibraryLocation library, string? clientSecret, int port, int timeoutMinutes, CancellationToken cancellationToken)
    {
        if (port is < 1 or > 65535)
        {
            Console.Error.WriteLine($"gphotosfs: --port {port} is not a TCP port.");
            return ExitCodes.Usage;
        }

        var kept = Path.Combine(library.ConfigFolder, GoogleAuthorization.ClientSecretFileName);
        clientSecret ??= File.Exists(kept) ? kept : null;
        if (clientSecret is null)
        {
            Console.Error.WriteLine("gphotosfs: give --client-secret FILE: the JSON of an OAuth client of type \"Desktop app\" " +
                                    "(Google Cloud console > APIs & Services > Credentials), with the Photos Library and Photos Picker APIs enabled.");
            return ExitCodes.Usage;
        }

        if (!File.Exists(clientSecret))
        {
            Console.Error.WriteLine($"gphotosfs: {clientSecret}: no such file.");
            return ExitCodes.Usage;
        }

        try
        {
            var endpoints = GoogleEndpoints.Resolve(library.ConfigFolder);
            using var credential = new GoogleCredentials(await GoogleAuthorization.AuthorizeAsync(
                library.ConfigFolder, endpoints, clientSecret, port, url => ShowUrl(url, port), TimeSpan.FromMinutes(timeoutMinutes), cancellationToken,
                warning => Console.Error.WriteLine($"gphotosfs: {warning}")));

            Directory.CreateDirectory(library.Folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            using var catalog = LibraryCatalog.Open(library.CatalogPath, CatalogAccess.ReadWrite);
            var health = new SourceHealthStore(library.StateFolder);
            foreach (var source in new[] { catalog.EnsureSource(SourceKinds.GoogleLibrary, LibrarySourceName, null), PickerImport.EnsureSource(catalog) })
            {
                health.Update(source.Id, h => h with { AuthState = SourceHealth.AuthOk, AuthMessage = null });
            }

            Console.Error.WriteLine($"Authorized. The token is in {Path.Combine(library.ConfigFolder, TokenFile.FileName)} (mode 0600); run `gphotosfs sync` next.");
            return ExitCodes.Ok;
        }
        catch (Exception ex) when (ex is GoogleAuthException or GoogleConfigException or CatalogException)
        {
            Console.Error.WriteLine($"gphotosfs: {ex.Message}");
            return ExitCodes.Failed;
        }
    }

    private static void ShowUrl(string url, int port)
    {
        Console.Error.WriteLine("Open this URL in a browser and allow access:");
        Console.Out.WriteLine(url);
        Console.Out.Flush();
        Console.Error.WriteLine();
        Console.Error.WriteLine($"Google then sends the browser to http://127.0.0.1:{port}/, where this command is waiting.");
        Console.Error.WriteLine($"On a box without a browser, first run on your laptop:  ssh -L {port}:localhost:{port} {Environment.UserName}@{Environment.MachineName}");
        Console.Error.WriteLine("and open the URL in the laptop's browser.");
    }
}
