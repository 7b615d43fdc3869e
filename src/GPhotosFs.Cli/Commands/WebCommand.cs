using System.CommandLine;
using GPhotosFs.Catalog;
using GPhotosFs.Catalog.Health;
using GPhotosFs.Cli.Config;
using GPhotosFs.Cli.Logging;
using GPhotosFs.Library;
using GPhotosFs.Web;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace GPhotosFs.Cli.Commands;

/// <summary>
/// <c>gphotosfs web login</c>: put a signed-in Google session into the library's Chromium profile,
/// by signing in by hand in a normal Chromium window, or on a headless server by importing a
/// cookies.txt or a whole profile folder. `gphotosfs sync` then reads photos.google.com with it.
/// </summary>
internal static class WebCommand
{
    public static Command Create()
    {
        var web = new Command("web", "The web source: your whole Google Photos library through photos.google.com in headless Chromium");
        web.Subcommands.Add(Login());
        return web;
    }

    private static Command Login()
    {
        var library = CliOptions.Library();
        var cookies = new Option<string?>("--cookies")
        {
            Description = "Import a Netscape cookies.txt exported from your desktop browser while signed in to photos.google.com (for headless servers)",
            HelpName = "FILE",
        };
        var profile = new Option<string?>("--profile")
        {
            Description = "Import a Chromium profile folder that is signed in (e.g. one `gphotosfs web login` made on another machine)",
            HelpName = "DIR",
        };
        var timeout = new Option<int>("--timeout") { Description = "Minutes to wait for you to sign in", HelpName = "MINUTES", DefaultValueFactory = _ => 10 };
        var verbose = CliOptions.Verbose();
        var command = new Command("login", "Sign in to Google Photos once in the library's Chromium profile (a window opens; or --cookies / --profile on a server)")
        {
            library, cookies, profile, timeout, verbose,
        };
        command.SetAction((parse, cancellationToken) => ConfiguredLibrary.ResolveOrReport(parse.GetValue(library), out var code) is { } at
            ? RunAsync(at.Library, parse.GetValue(cookies), parse.GetValue(profile), parse.GetValue(timeout), parse.GetValue(verbose), cancellationToken)
            : Task.FromResult(code));
        return command;
    }

    private static async Task<int> RunAsync(LibraryLocation library, string? cookies, string? profile, int timeoutMinutes, bool verbose, CancellationToken cancellationToken)
    {
        if (cookies is not null && profile is not null)
        {
            Console.Error.WriteLine("gphotosfs: give --cookies or --profile, not both.");
            return ExitCodes.Usage;
        }

        var logger = new StderrLogger("gphotosfs", verbose ? LogLevel.Debug : LogLevel.Warning);
        try
        {
            var settings = WebSettings.Read(library.ConfigFolder);
            Directory.CreateDirectory(library.Folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            Directory.CreateDirectory(library.ConfigFolder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            using var catalog = LibraryCatalog.Open(library.CatalogPath, CatalogAccess.ReadWrite);
            var source = WebSync.EnsureSource(catalog);
            var login = new WebLogin(settings, WebBrowser.ProfileFolder(library.ConfigFolder), Path.Combine(library.StateFolder, "web-downloads"), logger);
            string how;
            if (cookies is not null)
            {
                if (!File.Exists(cookies))
                {
                    Console.Error.WriteLine($"gphotosfs: {cookies}: no such file.");
                    return ExitCodes.Usage;
                }

                var count = await login.ImportCookiesAsync(cookies, cancellationToken);
                how = $"imported {count} cookies from {cookies}";
            }
            else if (profile is not null)
            {
                login.ImportProfile(profile);
                how = $"imported the profile {profile}";
            }
            else
            {
                if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY")) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("WAYLAND_DISPLAY")))
                {
                    Console.Error.WriteLine("gphotosfs: there is no display to open Chromium on. On a headless server, sign in to photos.google.com in your desktop " +
                                            "browser, export its cookies as cookies.txt (a \"Get cookies.txt\" extension) and run `gphotosfs web login --cookies cookies.txt`; " +
                                            "or run `gphotosfs web login` on a desktop and import its profile with --profile (see README, Web source).");
                    return ExitCodes.Usage;
                }

                if (!await login.InteractiveAsync(TimeSpan.FromMinutes(timeoutMinutes), Console.Error.WriteLine, cancellationToken))
                {
                    Console.Error.WriteLine("gphotosfs: you did not sign in before the window closed or the time ran out; run `gphotosfs web login` again.");
                    return ExitCodes.AuthBroken;
                }

                how = "signed in in Chromium";
            }

            var health = new SourceHealthStore(library.StateFolder);
            if (!await login.IsSignedInAsync(cancellationToken))
            {
                var message = $"{how}, but photos.google.com still asks to sign in; run `gphotosfs web login` again with a fresh sign-in";
                health.Update(source.Id, h => h with { AuthState = SourceHealth.AuthBroken, AuthMessage = message });
                Console.Error.WriteLine($"gphotosfs: {message}.");
                return ExitCodes.AuthBroken;
            }

            health.Update(source.Id, h => h with { AuthState = SourceHealth.AuthOk, AuthMessage = null });
            Console.Error.WriteLine($"Signed in ({how}); the session is in {WebBrowser.ProfileFolder(library.ConfigFolder)} (mode 0700). Run `gphotosfs sync` next.");
            return ExitCodes.Ok;
        }
        catch (Exception ex) when (ex is WebConfigException or CatalogException or FormatException or IOException or InvalidDataException)
        {
            Console.Error.WriteLine($"gphotosfs: {ex.Message}");
            return ExitCodes.Failed;
        }
        catch (PlaywrightException ex)
        {
            Console.Error.WriteLine($"gphotosfs: Chromium could not be started or driven: {ex.Message.Split('\n')[0]}");
            return ExitCodes.Failed;
        }
    }
}
