using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace GPhotosFs.Web;

/// <summary>What an item page gave: the downloaded file (or why there is none) and what the info panel said.</summary>
/// <param name="File">The download, in the downloads folder (the caller moves or deletes it).</param>
/// <param name="SuggestedName">The name from Content-Disposition.</param>
public sealed record ItemVisit(ItemVisitResult Result, string? File = null, string? SuggestedName = null, string? InfoFileName = null, (int Year, int Month, int Day)? InfoDate = null);

public enum ItemVisitResult
{
    Downloaded,
    InfoOnly,
    StillProcessing,
    Gone,
}

/// <summary>
/// One item page: wait for its toolbar, notice "still processing" videos, read the info panel when
/// asked ("Open info": file name and date), and download the original by Shift+D, falling back to
/// "More options" → Download when the key press brings nothing (key presses get lost). A download
/// may take as long as it needs while its bytes keep coming; one that stops for the step timeout is
/// cancelled and the step counts as stuck (<see cref="StalledDownloads"/>).
/// </summary>
/// <param name="downloadsFolder">The browser context's downloads folder (<see cref="WebBrowser.DownloadsFolder"/>), where Chromium writes downloads in progress.</param>
public sealed class ItemPage(WebSettings settings, FailureEvidence evidence, string downloadsFolder, ILogger logger, TimeProvider? time = null)
{
    /// <summary>How long a Shift+D gets to start a download before the menu is used instead.</summary>
    public TimeSpan KeyWait { get; init; } = TimeSpan.FromSeconds(4);

    /// <exception cref="WebSignedOutException">The browser was sent to a sign-in page.</exception>
    /// <exception cref="WebUiChangedException">The toolbar, the menu or the info panel could not be found on a loaded page.</exception>
    /// <exception cref="TimeoutException">A step took longer than its timeout (the caller reloads, then restarts the browser).</exception>
    /// <param name="download">Given the info panel's file name (null when not read), whether to download.</param>
    public async Task<ItemVisit> VisitAsync(IPage page, Uri url, bool readInfo, Func<string?, bool> download, string displayName, CancellationToken cancellationToken)
    {
        var response = await WebPages.GotoAsync(page, url).ConfigureAwait(false);
        if (response is { Status: 404 or 410 }) return new ItemVisit(ItemVisitResult.Gone);
        var lang = await WebPages.BoundedAsync(page.EvaluateAsync<string>("() => document.documentElement.lang || ''"), settings.StepTimeout, "a script").ConfigureAwait(false);
        var locale = WebLocale.For(lang) ?? throw await evidence.UiChangedAsync(page, $"the page's language '{lang}' has no row in the locale table").ConfigureAwait(false);
        var more = page.Locator(WebPages.Attribute("aria-label", locale.MoreOptions)).First;
        try
        {
            await more.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = (float)settings.StepTimeout.TotalMilliseconds }).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            WebPages.ThrowIfSignedOut(page);
            await WebPages.ThrowIfUnresponsiveAsync(page, settings.StepTimeout).ConfigureAwait(false);
            if (await page.Locator(WebSelectors.Alert).CountAsync().ConfigureAwait(false) == 0 &&
                await page.EvaluateAsync<int>("() => document.body ? document.body.childElementCount : 0").ConfigureAwait(false) == 0)
            {
                throw; // an empty page: stuck, not changed
            }

            throw await evidence.UiChangedAsync(page, $"no '{locale.MoreOptions}' button on an item page").ConfigureAwait(false);
        }

        if (await StillProcessingAsync(page, locale, settings.StepTimeout).ConfigureAwait(false))
        {
            WebLog.StillProcessing(logger, displayName);
            return new ItemVisit(ItemVisitResult.StillProcessing);
        }

        string? infoName = null;
        (int, int, int)? infoDate = null;
        if (readInfo)
        {
            (infoName, infoDate) = await ReadInfoAsync(page, locale).ConfigureAwait(false);
        }

        if (!download(infoName)) return new ItemVisit(ItemVisitResult.InfoOnly, InfoFileName: infoName, InfoDate: infoDate);
        cancellationToken.ThrowIfCancellationRequested();
        IDownload got;
        try
        {
            got = await page.RunAndWaitForDownloadAsync(() => page.Keyboard.PressAsync("Shift+D"),
                new PageRunAndWaitForDownloadOptions { Timeout = (float)KeyWait.TotalMilliseconds }).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            WebPages.ThrowIfSignedOut(page);
            if (await StillProcessingAsync(page, locale, settings.StepTimeout).ConfigureAwait(false))
            {
                WebLog.StillProcessing(logger, displayName);
                return new ItemVisit(ItemVisitResult.StillProcessing);
            }

            WebLog.KeyPressLost(logger, displayName);
            got = await DownloadThroughMenuAsync(page, locale, more).ConfigureAwait(false);
        }

        string? failure;
        try
        {
            failure = await new StalledDownloads(downloadsFolder, settings.StepTimeout, time ?? TimeProvider.System).WaitAsync(got, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            WebLog.DownloadStalled(logger, displayName, settings.StepTimeout.TotalSeconds);
            throw;
        }

        if (failure is not null) throw new IOException($"the browser's download failed: {failure}");
        var file = Path.Combine(Path.GetDirectoryName(await got.PathAsync().ConfigureAwait(false))!, StalledDownloads.OwnPrefix + Guid.NewGuid().ToString("N"));
        await got.SaveAsAsync(file).ConfigureAwait(false);
        await got.DeleteAsync().ConfigureAwait(false);
        return new ItemVisit(ItemVisitResult.Downloaded, file, got.SuggestedFilename, infoName, infoDate);
    }

    private async Task<IDownload> DownloadThroughMenuAsync(IPage page, WebLocale locale, ILocator more)
    {
        var timeout = (float)settings.StepTimeout.TotalMilliseconds;
        await more.ClickAsync(new LocatorClickOptions { Timeout = timeout }).ConfigureAwait(false);
        var item = page.Locator($"[role=\"menuitem\"]{WebPages.Attribute("aria-label", locale.DownloadOriginal)}, [role=\"menuitem\"]{WebPages.Attribute("aria-label", locale.Download)}").First;
        try
        {
            await item.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = timeout }).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            WebPages.ThrowIfSignedOut(page);
            await WebPages.ThrowIfUnresponsiveAsync(page, settings.StepTimeout).ConfigureAwait(false);
            throw await evidence.UiChangedAsync(page, $"no '{locale.Download}' item in the '{locale.MoreOptions}' menu").ConfigureAwait(false);
        }

        return await page.RunAndWaitForDownloadAsync(() => item.ClickAsync(new LocatorClickOptions { Timeout = timeout }),
            new PageRunAndWaitForDownloadOptions { Timeout = timeout }).ConfigureAwait(false);
    }

    private static async Task<bool> StillProcessingAsync(IPage page, WebLocale locale, TimeSpan timeout)
    {
        foreach (var text in await WebPages.BoundedAsync(page.Locator(WebSelectors.Alert).AllTextContentsAsync(), timeout, "a look for alerts").ConfigureAwait(false))
        {
            if (text.Contains(locale.StillProcessing, StringComparison.OrdinalIgnoreCase)) return true;
        }

        return false;
    }

    private async Task<(string? Name, (int, int, int)? Date)> ReadInfoAsync(IPage page, WebLocale locale)
    {
        var timeout = (float)settings.StepTimeout.TotalMilliseconds;
        var date = page.Locator(WebPages.Attribute("aria-label", locale.DateTaken, "^=")).First;
        if (await WebPages.BoundedAsync(date.CountAsync(), settings.StepTimeout, "a look for the info panel").ConfigureAwait(false) == 0)
        {
            var open = page.Locator(WebPages.Attribute("aria-label", locale.OpenInfo)).First;
            try
            {
                await open.ClickAsync(new LocatorClickOptions { Timeout = timeout }).ConfigureAwait(false);
                await date.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = timeout }).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                WebPages.ThrowIfSignedOut(page);
                await WebPages.ThrowIfUnresponsiveAsync(page, settings.StepTimeout).ConfigureAwait(false);
                throw await evidence.UiChangedAsync(page, $"no info panel ('{locale.OpenInfo}' → '{locale.DateTaken}')").ConfigureAwait(false);
            }
        }

        var dateLabel = await date.GetAttributeAsync("aria-label").ConfigureAwait(false) ?? "";
        var parsed = TileLabel.ParseInfoDate(dateLabel[locale.DateTaken.Length..], locale);
        if (parsed is null) throw await evidence.UiChangedAsync(page, $"the info panel's date '{dateLabel}' does not match the '{locale.Lang}' table").ConfigureAwait(false);
        var nameLabel = await page.Locator(WebPages.Attribute("aria-label", locale.FileName, "^=")).First.GetAttributeAsync("aria-label", new LocatorGetAttributeOptions { Timeout = timeout }).ConfigureAwait(false);
        return (nameLabel?[locale.FileName.Length..].Trim(), parsed);
    }
}
