using System.Text.Json;
using Microsoft.Playwright;

namespace GPhotosFs.Web;

/// <summary>One grid tile: the item's id in that grid, and what its label says (null when it did not parse).</summary>
public sealed record GridTile(string Id, string Href, string Label, TileLabel? Parsed);

/// <summary>
/// Walks a virtualized grid (the library at <c>/</c>, or an album page) from the top: collect the
/// tiles in the DOM, give the last one focus so the page loads more, repeat until
/// <see cref="WebSettings.GridTries"/> tries in a row bring nothing new. Tiles leave the DOM as the
/// grid scrolls, so every round collects what is there, in order, without duplicates.
/// </summary>
public sealed class GridWalker(WebSettings settings, FailureEvidence evidence)
{
    private const string CollectScript = """
        ([selector, focus]) => {
          const tiles = Array.from(document.querySelectorAll(selector));
          const out = tiles.map(a => [a.getAttribute('href') || '', a.getAttribute('aria-label') || '']);
          if (focus && tiles.length) { const last = tiles[tiles.length - 1]; last.focus(); last.scrollIntoView({ block: 'end' }); }
          return JSON.stringify({ lang: document.documentElement.lang || '', tiles: out });
        }
        """;

    private const string ChangedScript = """
        ([selector, lastHref]) => {
          const tiles = document.querySelectorAll(selector);
          return tiles.length > 0 && tiles[tiles.length - 1].getAttribute('href') !== lastHref;
        }
        """;

    /// <summary>
    /// Opens <paramref name="url"/> and walks its grid. <paramref name="stop"/> sees every new tile in
    /// order and returns true to end the walk there (an incremental listing that reached known items).
    /// </summary>
    /// <exception cref="WebSignedOutException">The page sent the browser to a sign-in page.</exception>
    /// <exception cref="WebUiChangedException">No tile, or no tile label that the locale table reads.</exception>
    public async Task<IReadOnlyList<GridTile>> WalkAsync(IPage page, Uri url, Func<GridTile, bool>? stop, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        await WebPages.GotoAsync(page, url).ConfigureAwait(false);
        try
        {
            await page.WaitForSelectorAsync(WebSelectors.Tile, new PageWaitForSelectorOptions { Timeout = (float)settings.StepTimeout.TotalMilliseconds }).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            WebPages.ThrowIfSignedOut(page);
            throw await evidence.UiChangedAsync(page, $"no grid tile ({WebSelectors.Tile}) on {url.AbsolutePath}").ConfigureAwait(false);
        }

        var activity = new RequestActivity(page);
        var tiles = new List<GridTile>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        WebLocale? locale = null;
        var unparsed = 0;
        var emptyTries = 0;
        while (emptyTries < settings.GridTries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var json = await page.EvaluateAsync<string>(CollectScript, new object[] { WebSelectors.Tile, true }).ConfigureAwait(false);
            using var document = JsonDocument.Parse(json);
            var lang = document.RootElement.GetProperty("lang").GetString();
            locale ??= WebLocale.For(lang) ?? throw await evidence.UiChangedAsync(page, $"the page's language '{lang}' has no row in the locale table").ConfigureAwait(false);
            var fresh = 0;
            string? lastHref = null;
            foreach (var tile in document.RootElement.GetProperty("tiles").EnumerateArray())
            {
                var href = tile[0].GetString() ?? "";
                var label = tile[1].GetString() ?? "";
                lastHref = href;
                var match = WebSelectors.ItemId.Match(href);
                if (!match.Success || !seen.Add(href)) continue;
                fresh++;
                var parsed = TileLabel.Parse(label, locale);
                if (parsed is null) unparsed++;
                var gridTile = new GridTile(match.Groups["id"].Value, href, label, parsed);
                tiles.Add(gridTile);
                if (tiles.Count >= 20 && unparsed == tiles.Count)
                {
                    throw await evidence.UiChangedAsync(page, $"no tile label matches the '{locale.Lang}' table (first: '{tiles[0].Label}')").ConfigureAwait(false);
                }

                if (stop?.Invoke(gridTile) == true)
                {
                    progress?.Report(tiles.Count);
                    return await CheckedAsync(tiles, unparsed, locale, page).ConfigureAwait(false);
                }
            }

            progress?.Report(tiles.Count);
            if (fresh > 0) emptyTries = 0;
            if (!await GrewAsync(page, lastHref, activity).ConfigureAwait(false))
            {
                emptyTries++;
                WebPages.ThrowIfSignedOut(page);
            }
        }

        return await CheckedAsync(tiles, unparsed, locale, page).ConfigureAwait(false);
    }

    /// <summary>
    /// Waits until the grid shows a new last tile (true), or nothing is loading and nothing has for
    /// <see cref="WebSettings.GridQuiet"/>, or <see cref="WebSettings.GridSettle"/> has passed (false).
    /// </summary>
    private async Task<bool> GrewAsync(IPage page, string? lastHref, RequestActivity activity)
    {
        var until = DateTimeOffset.UtcNow + settings.GridSettle;
        while (true)
        {
            try
            {
                await page.WaitForFunctionAsync(ChangedScript, new object?[] { WebSelectors.Tile, lastHref },
                    new PageWaitForFunctionOptions { Timeout = (float)settings.GridQuiet.TotalMilliseconds, PollingInterval = 50 }).ConfigureAwait(false);
                return true;
            }
            catch (TimeoutException)
            {
                if (DateTimeOffset.UtcNow >= until || activity.QuietFor(settings.GridQuiet)) return false;
            }
        }
    }

    /// <summary>The page's fetch/XHR requests in flight, and when the last one started or ended.</summary>
    private sealed class RequestActivity
    {
        private int _inFlight;
        private long _lastTicks = DateTimeOffset.UtcNow.UtcTicks;

        public RequestActivity(IPage page)
        {
            page.Request += (_, r) => Change(r, +1);
            page.RequestFinished += (_, r) => Change(r, -1);
            page.RequestFailed += (_, r) => Change(r, -1);
        }

        public bool QuietFor(TimeSpan span) =>
            Volatile.Read(ref _inFlight) <= 0 && DateTimeOffset.UtcNow.UtcTicks - Interlocked.Read(ref _lastTicks) >= span.Ticks;

        private void Change(IRequest request, int delta)
        {
            if (request.ResourceType is not ("fetch" or "xhr")) return;
            Interlocked.Add(ref _inFlight, delta);
            Interlocked.Exchange(ref _lastTicks, DateTimeOffset.UtcNow.UtcTicks);
        }
    }

    private async Task<IReadOnlyList<GridTile>> CheckedAsync(List<GridTile> tiles, int unparsed, WebLocale? locale, IPage page)
    {
        if (tiles.Count > 0 && unparsed == tiles.Count)
        {
            throw await evidence.UiChangedAsync(page, $"no tile label matches the '{locale?.Lang}' table (first: '{tiles[0].Label}')").ConfigureAwait(false);
        }

        return tiles;
    }
}
