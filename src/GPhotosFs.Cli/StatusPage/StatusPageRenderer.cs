using System.Globalization;
using System.Net;
using System.Text;
using GPhotosFs.Catalog.History;
using GPhotosFs.Cli.Status;

namespace GPhotosFs.Cli.StatusPage;

/// <summary>
/// The status page: one self-contained HTML document (inline CSS and SVG, no script, nothing
/// fetched) that says at a glance whether the library is healthy, what to do when it is not, and
/// how syncs, the cache, the quota and the library have been doing. Everything on it is read-only
/// and scrubbed (see <see cref="PageScrubber"/>); it names the library by its folder's name only.
/// </summary>
internal static class StatusPageRenderer
{
    private const string Style = """
        :root { color-scheme: light; --ok: #2e7d32; --bad: #c62828; --warn: #ef6c00; --ink: #1f2933; --mute: #66788a; --line: #d9e2ec; }
        body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); margin: 0; background: #f5f7fa; }
        header { background: #fff; border-bottom: 1px solid var(--line); padding: 16px 28px; display: flex; align-items: center; gap: 16px; }
        header h1 { font-size: 20px; margin: 0; }
        main { padding: 8px 28px 40px; display: grid; grid-template-columns: repeat(auto-fit, minmax(560px, 1fr)); gap: 16px; }
        section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 12px 18px; }
        section.wide { grid-column: 1 / -1; }
        h2 { font-size: 16px; margin: 4px 0 10px; }
        .badge { border-radius: 999px; padding: 3px 12px; font-weight: 600; color: #fff; font-size: 13px; }
        .badge.ok { background: var(--ok); } .badge.bad { background: var(--bad); }
        .mute { color: var(--mute); font-size: 13px; }
        table { border-collapse: collapse; width: 100%; font-size: 14px; }
        th.num { text-align: right; }
        th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
        th { color: var(--mute); font-weight: 600; font-size: 12px; text-transform: uppercase; letter-spacing: .03em; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        #runs td:first-child, ul.errors time { white-space: nowrap; }
        .state { font-weight: 600; } .state.ok { color: var(--ok); } .state.failed, .state.bad { color: var(--bad); } .state.running { color: var(--warn); }
        ul.problems { margin: 0; padding-left: 20px; color: var(--bad); }
        ul.errors { margin: 0; padding-left: 0; list-style: none; font-size: 13px; }
        ul.errors li { padding: 5px 0; border-bottom: 1px solid var(--line); }
        ul.errors time { color: var(--mute); margin-right: 8px; font-variant-numeric: tabular-nums; }
        .meter { height: 14px; background: #e4e7eb; border-radius: 7px; overflow: hidden; margin: 6px 0; }
        .meter > div { height: 100%; background: #3f7ee8; }
        svg.chart { width: 100%; height: auto; display: block; }
        svg .grid { stroke: #e4e7eb; } svg .ylabel, svg .xlabel, svg .legend { font-size: 11px; fill: var(--mute); }
        svg .empty { font-size: 14px; fill: var(--mute); }
        svg .bar { fill: #3f7ee8; } svg .bar.failed { fill: var(--bad); } svg .bar.running { fill: var(--warn); }
        svg .bar.quota-media { fill: #8e5bd8; }
        svg .limit { stroke: var(--bad); stroke-dasharray: 5 4; }
        svg .line { fill: none; stroke-width: 2.5; } svg .line.cache { stroke: #3f7ee8; } svg .line.library { stroke: #9aa5b1; stroke-dasharray: 6 4; }
        svg .swatch.cache { fill: #3f7ee8; } svg .swatch.library { fill: #9aa5b1; }
        code { background: #eef2f7; padding: 1px 5px; border-radius: 4px; font-size: 13px; }
        """;

    public static string Render(StatusPageData data)
    {
        var s = data.Status;
        var name = Path.GetFileName(s.Library.TrimEnd('/'));
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>GPhotosFs: {E(name)} is {(s.Healthy ? "healthy" : "UNHEALTHY")}</title>
            <style>{Style}</style></head>
            <body data-healthy="{(s.Healthy ? "true" : "false")}">
            <header><h1>GPhotosFs · {E(name)}</h1><span id="health" class="badge {(s.Healthy ? "ok" : "bad")}">{(s.Healthy ? "healthy" : "UNHEALTHY")}</span>
            <span class="mute">{(s.Mount is { } m ? $"mounted by process {m.Pid} since {m.StartedAt:yyyy-MM-dd HH:mm} UTC" : "not mounted")} · as of {s.GeneratedAt:yyyy-MM-dd HH:mm:ss} UTC</span></header>
            <main>
            """);

        Sources(html, data);
        Cache(html, data);
        SyncCharts(html, data);
        CacheChart(html, data);
        QuotaChart(html, data);
        YearsChart(html, data);
        Runs(html, data);
        Errors(html, data);
        html.Append("</main></body></html>\n");
        return html.ToString();
    }

    private static void Sources(StringBuilder html, StatusPageData data)
    {
        var s = data.Status;
        html.Append("<section id=\"sources\" class=\"wide\"><h2>Sources</h2>");
        if (s.Problems.Count > 0)
        {
            html.Append("<ul class=\"problems\">");
            foreach (var problem in s.Problems)
            {
                html.Append(CultureInfo.InvariantCulture, $"<li>{E(new PageScrubber(s.Library).Scrub(problem))}</li>");
            }

            html.Append("</ul>");
        }

        if (s.Sources.Count == 0)
        {
            html.Append("<p>This library has no source yet: add one with <code>gphotosfs takeout add PATH…</code> or <code>gphotosfs auth</code>.</p></section>");
            return;
        }

        html.Append("<table><thead><tr><th>Source</th><th>Health</th><th class=\"num\">Items</th><th class=\"num\">Cached</th><th>Last sync</th><th>What to do</th></tr></thead><tbody>");
        var scrubber = new PageScrubber(s.Library);
        foreach (var source in s.Sources)
        {
            var ok = source.State == "ok";
            var lastSync = source.LastSync is { } sync
                ? $"{When(sync.Finished ?? sync.Started)}: {sync.Result ?? "running"}" + (sync.LastSuccess is { } good && good != sync.Finished ? $" (last good {When(good)})" : "")
                : "never";
            html.Append(CultureInfo.InvariantCulture, $"""
                <tr data-source="{E(source.Name)}" data-state="{E(source.State)}"><td><b>{E(source.Name)}</b> <span class="mute">{E(source.Kind)}</span></td>
                <td class="state {(ok ? "ok" : "bad")}">{E(StateText(source.State))}</td>
                <td class="num">{source.Items:N0}</td><td class="num">{source.ItemsCached:N0} · {Bytes(source.BytesCached)}</td>
                <td>{E(lastSync)}</td><td class="advice">{Advice(source, scrubber)}</td></tr>
                """);
        }

        html.Append("</tbody></table></section>");
    }

    private static string StateText(string state) => state switch
    {
        "ok" => "healthy",
        "auth_broken" => "authorization broken",
        "quota_exhausted" => "daily quota used up",
        "unavailable" => "data unavailable",
        "stale" => "stale",
        _ => state,
    };

    /// <summary>What the user should do about a source's state, as HTML.</summary>
    private static string Advice(SourceStatus source, PageScrubber scrubber) => source.State switch
    {
        "ok" => "Nothing to do.",
        "auth_broken" => "Authorize again: <code>gphotosfs auth --client-secret FILE</code>." + (source.AuthMessage is { } m ? $" <span class=\"mute\">({E(scrubber.Scrub(m))})</span>" : ""),
        "quota_exhausted" => $"Nothing to do: Google's daily quota resets{(source.QuotaExhaustedUntil is { } until ? $" at {until:yyyy-MM-dd HH:mm} UTC" : "")}, and downloads resume by themselves.",
        "unavailable" => $"Bring the data back ({E(scrubber.Scrub(source.Unavailable ?? ""))}), or forget it: <code>gphotosfs takeout list</code>, <code>gphotosfs takeout remove PART</code>.",
        "stale" => "Run <code>gphotosfs sync</code> and read its error; check the timer runs: <code>systemctl list-timers 'gphotosfs-sync@*'</code>.",
        _ => "See <code>gphotosfs status</code>.",
    };

    private static void Cache(StringBuilder html, StatusPageData data)
    {
        var c = data.Status.Cache;
        var share = data.LibraryBytes > 0 ? Math.Min(1, (double)c.BytesCached / data.LibraryBytes) : 0;
        html.Append(CultureInfo.InvariantCulture, $"""
            <section id="cache"><h2>Cache</h2>
            <div class="meter" title="{share:P0} of the library's bytes"><div style="width:{share * 100:0.#}%"></div></div>
            <p><b data-cache-files="{c.FilesCached}">{c.FilesCached:N0}</b> originals, <b>{Bytes(c.BytesCached)}</b> of the library's {Bytes(data.LibraryBytes)} ({data.LibraryItems:N0} items) are in the cache{(c.DownloadsPending > 0 ? $"; {c.DownloadsPending:N0} downloads pending ({Bytes(c.BytesPending)})" : "")}.</p>
            <p class="mute">Fill it with <code>gphotosfs prefetch</code>; back it up with <code>rsync -a LIBRARY/cache/ …</code>.</p>
            </section>
            """);
    }

    private static void SyncCharts(StringBuilder html, StatusPageData data)
    {
        var syncs = data.Runs.Where(r => r.Kind == RunKinds.Sync).TakeLast(60).ToList();
        var failures = syncs.Count(r => r.Result == RunResults.Failed);
        html.Append(CultureInfo.InvariantCulture, $"<section id=\"syncs\"><h2>Syncs, last 90 days</h2><p class=\"mute\"><span data-syncs=\"{syncs.Count}\">{syncs.Count}</span> syncs, <span data-sync-failures=\"{failures}\">{failures}</span> failed (red).</p>");
        html.Append(SvgChart.Bars("sync-items", "Items added per sync", syncs.Select(r => new ChartBar(
            r.StartedAt.ToString("MM-dd", CultureInfo.InvariantCulture), r.ItemsAdded, r.Result,
            $"{r.SourceName}: {r.Result}, {r.ItemsAdded:N0} items added, {r.StartedAt:yyyy-MM-dd HH:mm} UTC{(r.Error is { } e ? $": {e}" : "")}")).ToList(), N));
        html.Append("<p class=\"mute\">Duration of each sync</p>");
        html.Append(SvgChart.Bars("sync-duration", "Duration of each sync", syncs.Select(r => new ChartBar(
            r.StartedAt.ToString("MM-dd", CultureInfo.InvariantCulture), r.Duration?.TotalSeconds ?? 0, r.Result,
            $"{r.SourceName}: {r.Result} in {Seconds(r.Duration?.TotalSeconds ?? 0)}")).ToList(), Seconds));
        html.Append("</section>");
    }

    private static void CacheChart(StringBuilder html, StatusPageData data)
    {
        html.Append("<section id=\"cache-history\"><h2>Cache against the library</h2>");
        var samples = data.Samples;
        html.Append(SvgChart.Lines("cache-size", "Cache and library size over time", [
            new ChartSeries("library", "library", samples.Select(p => (p.At, (double)p.LibraryBytes)).ToList()),
            new ChartSeries("cache", "cache", samples.Select(p => (p.At, (double)p.CacheBytes)).ToList()),
        ], v => Bytes((long)v)));
        html.Append("</section>");
    }

    private static void QuotaChart(StringBuilder html, StatusPageData data)
    {
        html.Append("<section id=\"quota\"><h2>Google quota use per day</h2>");
        if (data.QuotaDays.Count == 0)
        {
            html.Append("<p class=\"mute\">No Google requests recorded (Takeout and local sources use no quota).</p>");
        }

        foreach (var group in data.QuotaDays.GroupBy(d => (d.SourceName, d.Quota)))
        {
            var limit = group.Max(d => d.Limit);
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"mute\">{E(group.Key.SourceName)}: {E(group.Key.Quota)} requests{(limit is { } l ? $" (limit {l:N0} a day, dashed)" : "")}</p>");
            html.Append(SvgChart.Bars($"quota-{group.Key.SourceName}-{group.Key.Quota}", $"{group.Key.Quota} requests per day", group.Select(d => new ChartBar(
                d.Day[5..], d.Used, $"quota-{group.Key.Quota}", $"{d.Day}: {d.Used:N0}{(d.Limit is { } dl ? $" of {dl:N0}" : "")}")).ToList(), N, limit));
        }

        html.Append("</section>");
    }

    private static void YearsChart(StringBuilder html, StatusPageData data)
    {
        html.Append("<section id=\"years\"><h2>Items per year</h2>");
        html.Append(SvgChart.Bars("items-per-year", "Items per capture year", data.ItemsPerYear.Select(p => new ChartBar(
            p.Key == 0 ? "undated" : p.Key.ToString(CultureInfo.InvariantCulture), p.Value, "", $"{(p.Key == 0 ? "undated" : p.Key.ToString(CultureInfo.InvariantCulture))}: {p.Value:N0} items")).ToList(), N));
        html.Append("</section>");
    }

    private static void Runs(StringBuilder html, StatusPageData data)
    {
        var scrubber = new PageScrubber(data.Status.Library);
        html.Append("<section id=\"runs\" class=\"wide\"><h2>Recent runs</h2><table><thead><tr><th>Started</th><th>Run</th><th>Result</th><th class=\"num\">Took</th><th class=\"num\">Items added</th><th class=\"num\">Bytes added</th><th>Error</th></tr></thead><tbody>");
        foreach (var run in data.Runs.Reverse().Take(15))
        {
            html.Append(CultureInfo.InvariantCulture, $"""
                <tr data-run="{E(run.Kind)}" data-result="{E(run.Result)}"><td>{run.StartedAt:yyyy-MM-dd HH:mm:ss}</td><td>{E(run.Kind)}{(run.SourceName is { } n ? $" <span class=\"mute\">{E(n)}</span>" : "")}</td>
                <td class="state {E(run.Result)}">{E(run.Result)}</td><td class="num">{(run.Duration is { } d ? Seconds(d.TotalSeconds) : "")}</td>
                <td class="num">{run.ItemsAdded:N0}</td><td class="num">{Bytes(run.BytesAdded)}</td><td>{E(run.Error is { } e ? scrubber.Scrub(e) : "")}</td></tr>
                """);
        }

        html.Append("</tbody></table></section>");
    }

    private static void Errors(StringBuilder html, StatusPageData data)
    {
        html.Append("<section id=\"errors\" class=\"wide\"><h2>Recent errors</h2>");
        if (data.RecentErrors.Count == 0)
        {
            html.Append("<p class=\"mute\">None.</p>");
        }
        else
        {
            html.Append("<ul class=\"errors\">");
            foreach (var error in data.RecentErrors)
            {
                html.Append(CultureInfo.InvariantCulture, $"<li class=\"error\"><time>{error.At:yyyy-MM-dd HH:mm:ss}</time><b>{E(error.Origin)}</b> {E(error.Message)}</li>");
            }

            html.Append("</ul>");
        }

        html.Append("</section>");
    }

    private static string When(DateTimeOffset? at) => at is { } t ? t.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC" : "never";

    private static string N(double value) => value.ToString(value >= 10 || value == Math.Floor(value) ? "N0" : "0.#", CultureInfo.InvariantCulture);

    private static string Seconds(double seconds) => seconds >= 120
        ? string.Create(CultureInfo.InvariantCulture, $"{seconds / 60:0.#} min")
        : string.Create(CultureInfo.InvariantCulture, $"{seconds:0.#} s");

    internal static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 40 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 40):0.0} TiB"),
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.0} GiB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0.0} MiB"),
        >= 1L << 10 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
    };

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
