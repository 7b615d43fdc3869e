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
    // Tiles are recorded as they enter the DOM (a MutationObserver), so none is missed when the
    // virtualized grid adds and drops nodes between two reads; each call drains what was recorded.
    private const string CollectScript = """
        ([selector, focus]) => {
          let st = window.__gphotosfsGrid;
          if (!st) {
            st = window.__gphotosfsGrid = { seen: new Map(), queue: [] };
            const take = el => {
              const href = el.getAttribute('href') || '', label = el.getAttribute('aria-label') || '';
              const had = st.seen.get(href);
              if (had === undefined || (had === '' && label !== '')) { st.seen.set(href, label); st.queue.push([href, label]); }
            };
            st.take = take;
            document.querySelectorAll(selector).forEach(take);
            new MutationObserver(records => {
              for (const r of records) {
                if (r.type === 'attributes') { if (r.target.matches && r.target.matches(selector)) take(r.target); continue; }
                for (const n of r.addedNodes) {
                  if (n.nodeType !== 1) continue;
                  if (n.matches(selector)) take(n);
                  n.querySelectorAll(selector).forEach(take);
                }
              }
            }).observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ['href', 'aria-label'] });
          }
          const tiles = Array.from(document.querySelectorAll(selector));
          tiles.forEach(st.take);
          if (focus && tiles.length) {
            // Blur first: focusing the element that has focus fires no event, and the grid loads on focus.
            const last = tiles[tiles.length - 1];
            if (document.activeElement === last) last.blur();
            last.focus();
            last.scrollIntoView({ block: 'end' });
            if (window.__gphotosfsActivity) window.__gphotosfsActivity.last = performance.now();
          }
          return JSON.stringify({ lang: document.documentElement.lang || '', count: st.seen.size, tiles: st.queue.splice(0) });
        }
        """;

    private const string GrewOrQuietScript = """
        ([count, quietMs]) => {
          const st = window.__gphotosfsGrid;
          if (st && st.seen.size !== count) return 'grew';
          const a = window.__gphotosfsActivity;
          if (a && a.inflight <= 0 && performance.now() - a.last >= quietMs) return 'quiet';
          return false;
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
            await WebPages.ThrowIfUnresponsiveAsync(page, settings.StepTimeout).ConfigureAwait(false);
            throw await evidence.UiChangedAsync(page, $"no grid tile ({WebSelectors.Tile}) on {url.AbsolutePath}").ConfigureAwait(false);
        }

        var tiles = new List<GridTile>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        WebLocale? locale = null;
        var unparsed = 0;
        var emptyTries = 0;
        while (emptyTries < settings.GridTries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var json = await WebPages.BoundedAsync(page.EvaluateAsync<string>(CollectScript, new object[] { WebSelectors.Tile, true }), settings.StepTimeout, "the grid's tiles").ConfigureAwait(false);
            using var document = JsonDocument.Parse(json);
            var lang = document.RootElement.GetProperty("lang").GetString();
            locale ??= WebLocale.For(lang) ?? throw await evidence.UiChangedAsync(page, $"the page's language '{lang}' has no row in the locale table").ConfigureAwait(false);
            var fresh = 0;
            var count = document.RootElement.GetProperty("count").GetInt32();
            foreach (var tile in document.RootElement.GetProperty("tiles").EnumerateArray())
            {
                var href = tile[0].GetString() ?? "";
                var label = tile[1].GetString() ?? "";
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
            if (!await GrewAsync(page, count).ConfigureAwait(false))
            {
                emptyTries++;
                WebPages.ThrowIfSignedOut(page);
            }
        }

        return await CheckedAsync(tiles, unparsed, locale, page).ConfigureAwait(false);
    }

    /// <summary>
    /// Waits until the grid shows a new last tile (true), or nothing is loading and nothing has for
    /// <see cref="WebSettings.GridQuiet"/> since the focus, or <see cref="WebSettings.GridSettle"/> has
    /// passed (false). Judged inside the page by the renderer's own clock and the request counter of
    /// <see cref="WebBrowser.ActivityScript"/>, so a busy machine that delivers events late cannot end a walk early.
    /// </summary>
    private async Task<bool> GrewAsync(IPage page, int count)
    {
        try
        {
            var result = await page.WaitForFunctionAsync(GrewOrQuietScript, new object[] { count, settings.GridQuiet.TotalMilliseconds },
                new PageWaitForFunctionOptions { Timeout = (float)settings.GridSettle.TotalMilliseconds, PollingInterval = 50 }).ConfigureAwait(false);
            return await result.JsonValueAsync<string>().ConfigureAwait(false) == "grew";
        }
        catch (TimeoutException)
        {
            return false;
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
