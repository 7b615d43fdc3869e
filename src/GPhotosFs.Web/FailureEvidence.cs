using System.Globalization;
using Microsoft.Playwright;

namespace GPhotosFs.Web;

/// <summary>
/// Saves what a page looked like when the web UI stopped matching the locale table: a screenshot
/// (page.png), its HTML (page.html) and its address (url.txt), in a folder of its own under the
/// library's state folder (<c>state/web-failures/</c>), so whoever fixes the table sees what Google changed.
/// </summary>
public sealed class FailureEvidence(string stateFolder, TimeProvider? time = null)
{
    public string Folder { get; } = Path.Combine(stateFolder, "web-failures");

    /// <summary>Saves the page and builds the exception that names the saved folder.</summary>
    public async Task<WebUiChangedException> UiChangedAsync(IPage page, string what)
    {
        var stamp = (time ?? TimeProvider.System).GetUtcNow().ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture);
        var folder = Path.Combine(Folder, stamp);
        try
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            await File.WriteAllTextAsync(Path.Combine(folder, "url.txt"), page.Url + "\n" + what + "\n").ConfigureAwait(false);
            await File.WriteAllTextAsync(Path.Combine(folder, "page.html"), await page.ContentAsync().ConfigureAwait(false)).ConfigureAwait(false);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, "page.png"), FullPage = true, Timeout = 20_000 }).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException or IOException)
        {
            // whatever could be saved is there; the failure itself matters more
        }

        return new WebUiChangedException(what, folder);
    }
}
