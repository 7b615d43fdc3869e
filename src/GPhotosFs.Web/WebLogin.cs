using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace GPhotosFs.Web;

/// <summary>
/// Puts a signed-in Google session into the library's browser profile, in one of three ways: a
/// normal (headed) Chromium window on the profile where the user signs in by hand (Google refuses
/// sign-ins from automated browsers, so nothing is typed for the user); a Netscape cookies.txt
/// exported from the user's desktop browser; or a whole Chromium profile folder copied in. Each ends
/// by opening the library page headless and checking that it is not sent to a sign-in page.
/// </summary>
public sealed class WebLogin(WebSettings settings, string profile, string downloads, ILogger logger)
{
    /// <summary>Opens a headed Chromium at the library and waits until the user has signed in (or the window is closed, or the time is up).</summary>
    public async Task<bool> InteractiveAsync(TimeSpan timeout, Action<string> tell, CancellationToken cancellationToken)
    {
        await using var browser = await WebBrowser.LaunchAsync(settings, profile, downloads, headless: false, logger, cancellationToken).ConfigureAwait(false);
        var page = browser.Context.Pages.FirstOrDefault() ?? await browser.Context.NewPageAsync().ConfigureAwait(false);
        await page.GotoAsync(settings.BaseUrl.AbsoluteUri).ConfigureAwait(false);
        tell("Sign in to Google in the Chromium window; it closes by itself once Google Photos shows your library.");
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (DateTimeOffset.UtcNow < deadline && !page.IsClosed)
        {
            if (!WebPages.IsSignedOut(page.Url) && page.Url.StartsWith(settings.BaseUrl.AbsoluteUri, StringComparison.Ordinal)
                && await page.Locator(WebSelectors.Tile).CountAsync().ConfigureAwait(false) > 0)
            {
                return true;
            }

            await Task.Delay(500, cancellationToken).ConfigureAwait(false);
        }

        return false;
    }

    /// <summary>Adds the cookies of a Netscape cookies.txt to the profile; returns how many.</summary>
    public async Task<int> ImportCookiesAsync(string file, CancellationToken cancellationToken)
    {
        var cookies = NetscapeCookies.Read(file, DateTimeOffset.UtcNow);
        await using var browser = await WebBrowser.LaunchAsync(settings, profile, downloads, headless: true, logger, cancellationToken).ConfigureAwait(false);
        await browser.Context.AddCookiesAsync(cookies).ConfigureAwait(false);
        return cookies.Count;
    }

    /// <summary>Replaces the profile with a copy of <paramref name="source"/> (a Chromium user-data folder, closed).</summary>
    public void ImportProfile(string source)
    {
        if (!Directory.Exists(source)) throw new DirectoryNotFoundException($"{source} is not a folder");
        if (!File.Exists(Path.Combine(source, "Local State")) && !Directory.Exists(Path.Combine(source, "Default")))
        {
            throw new InvalidDataException($"{source} is not a Chromium profile folder (it has no 'Local State' or 'Default')");
        }

        ChromiumProcesses.KillAll(profile);
        if (Directory.Exists(profile)) Directory.Delete(profile, recursive: true);
        Copy(source, profile);
        foreach (var name in new[] { "SingletonLock", "SingletonSocket", "SingletonCookie" }) File.Delete(Path.Combine(profile, name));
    }

    /// <summary>Whether the profile's session reaches the library without being sent to a sign-in page.</summary>
    public async Task<bool> IsSignedInAsync(CancellationToken cancellationToken)
    {
        await using var browser = await WebBrowser.LaunchAsync(settings, profile, downloads, headless: true, logger, cancellationToken).ConfigureAwait(false);
        await using var tab = await browser.AcquireTabAsync(cancellationToken).ConfigureAwait(false);
        await tab.Page.GotoAsync(settings.BaseUrl.AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.DOMContentLoaded }).ConfigureAwait(false);
        return !WebPages.IsSignedOut(tab.Page.Url);
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            if (new FileInfo(file).LinkTarget is not null) continue; // Chromium's singleton links point at the old machine
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var dir in Directory.EnumerateDirectories(from))
        {
            Copy(dir, Path.Combine(to, Path.GetFileName(dir)));
        }
    }
}
