using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GPhotosFs.Tests.Shared.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace GPhotosFs.WebEmulator;

/// <summary>
/// photos.google.com as the scrapers see it (REFERENCE section 5), on one loopback port: <c>/</c> the
/// library grid (virtualized, lazily loaded as the last tiles get focus or the page scrolls), item
/// pages <c>/photo/ID</c> and <c>/album/AID/photo/SCOPED</c> (ArrowLeft/ArrowRight, "Open info",
/// "More options" → "Download - Shift+D", Shift+D), <c>/albums</c> and album pages, downloads with
/// Content-Disposition (a motion photo's as a .zip), "still processing" videos that never download,
/// and the sign-in: without the <c>SID</c> cookie <c>/</c> redirects to <c>/photos/about/</c> and
/// other pages to <c>/v3/signin/identifier</c>, whose form sets the cookie.
/// </summary>
public sealed class WebEmulatorServer : IAsyncDisposable
{
    public const string SessionCookie = "SID";
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, byte> _sessions = new();
    private int _disposed;

    private WebEmulatorServer(WebApplication app, WebEmulatorOptions options)
    {
        _app = app;
        Options = options;
        Library = new WebLibrary(options);
    }

    /// <summary>e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUri { get; private set; } = null!;

    public WebEmulatorOptions Options { get; }

    public WebLibrary Library { get; }

    public WebFaults Faults { get; } = new();

    public WebCounters Counters { get; } = new();

    /// <summary>The language pages are served in (a request's ?hl= wins); tests may switch it.</summary>
    public string Locale { get; set; } = "en";

    /// <summary>The environment that points gphotosfs at this emulator.</summary>
    public IReadOnlyDictionary<string, string> Environment() => new Dictionary<string, string> { ["GPHOTOSFS_WEB_URL"] = BaseUri.ToString() };

    /// <summary>A signed-in session's cookie value, as the sign-in page would set it (for cookie-import tests).</summary>
    public string IssueSession()
    {
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        _sessions[token] = 0;
        return token;
    }

    /// <summary>Signs every session out (as Google does when a session expires or is revoked).</summary>
    public void SignOutEverywhere() => _sessions.Clear();

    public int SessionCount => _sessions.Count;

    /// <summary>
    /// Plays the person at a headed browser's window (a `gphotosfs web login` without --cookies, which
    /// types nothing itself): the about page follows its "Go to Google Photos" link, and the sign-in
    /// page types the account's email and password and presses Next, each a moment after it loads.
    /// </summary>
    public bool UserSignsInByHand { get; set; }

    private string UserScript(string actions) => UserSignsInByHand ? $"<script>setTimeout(() => {{ {actions} }}, 300);</script>" : "";

    public static async Task<WebEmulatorServer> StartAsync(WebEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new WebEmulatorOptions();
        var app = LoopbackHost.Build(options.Port);
        var server = new WebEmulatorServer(app, options) { Locale = options.Locale };
        server.BaseUri = await LoopbackHost.StartAsync(app, server.HandleAsync, cancellationToken);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await LoopbackHost.StopAsync(_app);
    }

    private int CurrentYear => (Options.Now ?? DateTimeOffset.UtcNow).Year;

    private WebTexts TextsFor(HttpContext context) => WebTexts.For(context.Request.Query["hl"].FirstOrDefault() ?? Locale);

    private bool SignedIn(HttpContext context) =>
        context.Request.Cookies.TryGetValue(SessionCookie, out var token) && token is not null && _sessions.ContainsKey(token);

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var method = context.Request.Method;
        try
        {
            if (Options.Latency > TimeSpan.Zero) await Task.Delay(Options.Latency, context.RequestAborted);
            if (path.StartsWith("/u/0/", StringComparison.Ordinal)) path = path[4..]; // the multi-account prefix
            switch (path)
            {
                case "/photos/about/" when method == "GET":
                    await PageAsync(context, "Google Photos: the home for your memories", "<h1>Google Photos</h1><a href=\"/v3/signin/identifier?continue=%2F\">Go to Google Photos</a>" +
                        UserScript("document.querySelector('a').click();"));
                    return;
                case "/v3/signin/identifier" when method == "GET":
                    await SignInPageAsync(context, error: false);
                    return;
                case "/v3/signin/identifier" when method == "POST":
                    await SignInAsync(context);
                    return;
                case "/emulator/add" when method == "POST":
                    Library.Add(int.Parse(context.Request.Query["count"].FirstOrDefault() ?? "1", System.Globalization.CultureInfo.InvariantCulture));
                    await JsonAsync(context, new { count = Library.Count });
                    return;
                case "/emulator/counters" when method == "GET":
                    await JsonAsync(context, new { downloads = Counters.Downloads, item_pages = Counters.ItemPages, grid_loads = Counters.GridLoads });
                    return;
                case "/emulator/session" when method == "POST":
                    await JsonAsync(context, new { cookie = SessionCookie, value = IssueSession() });
                    return;
            }

            if (!SignedIn(context))
            {
                SignedOut(context, path);
                return;
            }

            switch (path)
            {
                case "/" when method == "GET":
                    await GridPageAsync(context, null);
                    return;
                case "/albums" when method == "GET":
                    await AlbumsPageAsync(context);
                    return;
                case "/_/grid" when method == "GET":
                    await GridDataAsync(context);
                    return;
            }

            var segments = path.Trim('/').Split('/');
            switch (segments)
            {
                case ["photo", var id] when method == "GET":
                    await ItemPageAsync(context, null, id);
                    return;
                case ["album", var albumId] when method == "GET":
                    await GridPageAsync(context, Library.Albums().FirstOrDefault(a => a.Id == albumId));
                    return;
                case ["album", var albumId, "photo", var scoped] when method == "GET":
                    await ItemPageAsync(context, Library.Albums().FirstOrDefault(a => a.Id == albumId), scoped);
                    return;
                case ["_", "info", var id] when method == "GET":
                    await InfoAsync(context, id);
                    return;
                case ["_", "download", var id] when method == "GET":
                    await DownloadAsync(context, id);
                    return;
            }

            context.Response.StatusCode = 404;
            await context.Response.WriteAsync("Not found", context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // the browser went away
        }
    }

    private static void SignedOut(HttpContext context, string path)
    {
        if (path.StartsWith("/_/", StringComparison.Ordinal))
        {
            context.Response.StatusCode = 401;
            return;
        }

        context.Response.StatusCode = 302;
        context.Response.Headers.Location = path == "/" ? "/photos/about/" : "/v3/signin/identifier?continue=" + Uri.EscapeDataString(path + context.Request.QueryString);
    }

    private async Task SignInPageAsync(HttpContext context, bool error)
    {
        var next = WebUtility.HtmlEncode(context.Request.Query["continue"].FirstOrDefault() ?? "/");
        await PageAsync(context, "Sign in - Google Accounts", $"""
            <h1>Sign in</h1>{(error ? "<p role=\"alert\">Wrong password. Try again.</p>" : "")}
            <form method="post" action="/v3/signin/identifier?continue={next}">
              <input type="email" name="identifier" aria-label="Email or phone" autocomplete="username">
              <input type="password" name="Passwd" aria-label="Enter your password" autocomplete="current-password">
              <button type="submit" id="next">Next</button>
            </form>
            {(error ? "" : UserScript($"document.querySelector('input[name=identifier]').value = {JsonSerializer.Serialize(Options.Email)}; " +
                                      $"document.querySelector('input[name=Passwd]').value = {JsonSerializer.Serialize(Options.Password)}; document.getElementById('next').click();"))}
            """);
    }

    private async Task SignInAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (form["identifier"] != Options.Email || form["Passwd"] != Options.Password)
        {
            await SignInPageAsync(context, error: true);
            return;
        }

        var token = IssueSession();
        context.Response.Cookies.Append(SessionCookie, token, new CookieOptions { HttpOnly = true, Path = "/", Expires = DateTimeOffset.UtcNow.AddYears(1), SameSite = SameSiteMode.Lax });
        var next = context.Request.Query["continue"].FirstOrDefault();
        context.Response.StatusCode = 302;
        context.Response.Headers.Location = next is { Length: > 0 } && next.StartsWith('/') && !next.StartsWith("//", StringComparison.Ordinal) ? next : "/";
    }

    private async Task GridPageAsync(HttpContext context, WebAlbum? album)
    {
        var t = TextsFor(context);
        var albumId = album is null ? "" : album.Id;
        var heading = album is null ? "" : $"<h1 aria-label=\"{WebUtility.HtmlEncode(album.Title)}\">{WebUtility.HtmlEncode(album.Title)}</h1>";
        await PageAsync(context, album is null ? "Photos - Google Photos" : $"{album.Title} - Google Photos", $$"""
            {{heading}}
            <c-wiz><div id="grid" role="grid" data-album="{{albumId}}"></div></c-wiz>
            <script>
            const album = {{JsonSerializer.Serialize(albumId)}}, pageSize = {{Options.GridPage}}, windowSize = {{Options.GridWindow}}, hl = {{JsonSerializer.Serialize(t.Lang)}};
            const grid = document.getElementById('grid');
            let next = 0, done = false, loading = false;
            async function more() {
              if (done || loading) return;
              loading = true;
              const r = await fetch('/_/grid?offset=' + next + '&count=' + pageSize + '&hl=' + hl + (album ? '&album=' + album : ''), { credentials: 'same-origin' });
              if (r.status === 401) { location.href = '/photos/about/'; return; }
              const tiles = await r.json();
              next += tiles.length;
              if (tiles.length < pageSize) done = true;
              for (const t of tiles) {
                const a = document.createElement('a');
                a.className = 'p137Zd';
                a.href = t.href;
                a.setAttribute('aria-label', t.label);
                a.tabIndex = 0;
                a.style.cssText = 'display:inline-block;width:96px;height:96px;margin:2px;background:#cbd';
                grid.appendChild(a);
              }
              while (grid.children.length > windowSize) grid.removeChild(grid.firstChild);
              loading = false;
            }
            grid.addEventListener('focusin', e => {
              const kids = grid.children;
              if (Array.prototype.indexOf.call(kids, e.target) >= kids.length - 10) more();
            });
            window.addEventListener('scroll', () => { if (innerHeight + scrollY >= document.body.offsetHeight - 300) more(); });
            more();
            </script>
            """, t);
    }

    private async Task GridDataAsync(HttpContext context)
    {
        Counters.GridLoad();
        var q = context.Request.Query;
        var offset = int.Parse(q["offset"].FirstOrDefault() ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        var count = Math.Clamp(int.Parse(q["count"].FirstOrDefault() ?? "60", System.Globalization.CultureInfo.InvariantCulture), 1, 500);
        var t = TextsFor(context);
        var albumId = q["album"].FirstOrDefault();
        IEnumerable<object> tiles;
        if (string.IsNullOrEmpty(albumId))
        {
            tiles = Library.Grid().Skip(offset).Take(count).Select(i => new { href = $"./photo/{i.Id}", label = t.TileLabel(i, CurrentYear) });
        }
        else
        {
            var album = Library.Albums().FirstOrDefault(a => a.Id == albumId);
            tiles = album is null ? [] : album.ItemIndexes.Skip(offset).Take(count).Select(n => Library.Item(n))
                .Select(i => new { href = $"./album/{album.Id}/photo/{album.ScopedIdOf(i.Index)}", label = t.TileLabel(i, CurrentYear) });
        }

        await JsonAsync(context, tiles.ToList());
    }

    private async Task AlbumsPageAsync(HttpContext context)
    {
        var t = TextsFor(context);
        var links = string.Join("\n", Library.Albums().Select(a =>
            $"<a href=\"./album/{a.Id}\" aria-label=\"{WebUtility.HtmlEncode(a.Title)}\"><div>{WebUtility.HtmlEncode(a.Title)}</div><div>{a.ItemIndexes.Count} items</div></a>"));
        await PageAsync(context, $"{t.AlbumsTitle} - Google Photos", $"<h1>{t.AlbumsTitle}</h1><div role=\"list\">{links}</div>", t);
    }

    private async Task ItemPageAsync(HttpContext context, WebAlbum? album, string id)
    {
        int? found = album is null ? Library.Find(id) : album.ItemIndexes.Cast<int?>().FirstOrDefault(n => album.ScopedIdOf(n!.Value) == id);
        if (found is not { } n)
        {
            context.Response.StatusCode = 404;
            await context.Response.WriteAsync("Not found", context.RequestAborted);
            return;
        }

        Counters.ItemPage();
        if (Faults.ItemPageServed())
        {
            SignOutEverywhere();
            SignedOut(context, context.Request.Path.Value ?? "/");
            return;
        }

        var t = TextsFor(context);
        var item = Library.Item(n);
        var order = album is null ? Library.Grid().Select(i => i.Index).ToList() : album.ItemIndexes.ToList();
        var at = order.IndexOf(n);
        string? Href(int k) => k < 0 || k >= order.Count ? null
            : album is null ? $"/photo/{Library.IdOf(order[k])}" : $"/album/{album.Id}/photo/{album.ScopedIdOf(order[k])}";
        var processing = item.Kind == WebItemKind.ProcessingVideo;
        var drop = Faults.TakeDroppedKey();
        var hang = album is null && Faults.TakeHungTab(id);
        await PageAsync(context, "Google Photos", $$"""
            <c-wiz data-media-key="{{item.Id}}">
              <div role="img" aria-label="{{WebUtility.HtmlEncode(t.TileLabel(item, CurrentYear))}}" style="width:320px;height:240px;background:#abc"></div>
              {{(processing ? $"<div role=\"alert\">{t.StillProcessing}</div>" : "")}}
              <div role="toolbar">
                <button aria-label="{{t.OpenInfo}}" id="info-button">i</button>
                <button aria-label="{{t.MoreOptions}}" aria-haspopup="menu" id="more-button">⋮</button>
              </div>
              <div role="menu" id="menu" hidden><span role="menuitem" tabindex="0" aria-label="{{t.Download}}" id="download">{{t.Download}}</span></div>
              <div id="info" role="complementary" hidden></div>
            </c-wiz>
            <script>
            const id = {{JsonSerializer.Serialize(item.Id)}}, nextHref = {{JsonSerializer.Serialize(Href(at + 1))}}, prevHref = {{JsonSerializer.Serialize(Href(at - 1))}};
            const processing = {{(processing ? "true" : "false")}};
            let drop = {{(drop ? 1 : 0)}};
            if ({{(hang ? "true" : "false")}}) document.addEventListener('DOMContentLoaded', () => setTimeout(() => { for (;;) { } }, 50));
            function download() {
              if (processing) return;
              const a = document.createElement('a');
              a.href = '/_/download/' + id;
              document.body.appendChild(a);
              a.click();
              a.remove();
            }
            document.addEventListener('keydown', e => {
              if (e.key === 'ArrowRight' && nextHref) location.href = nextHref;
              else if (e.key === 'ArrowLeft' && prevHref) location.href = prevHref;
              else if ((e.key === 'D' || e.key === 'd') && e.shiftKey) { if (drop > 0) { drop--; return; } download(); }
            });
            document.getElementById('more-button').addEventListener('click', () => { document.getElementById('menu').hidden = false; });
            document.getElementById('download').addEventListener('click', () => { document.getElementById('menu').hidden = true; download(); });
            document.getElementById('info-button').addEventListener('click', async () => {
              const r = await fetch('/_/info/' + id + location.search, { credentials: 'same-origin' });
              if (r.status === 401) { location.href = '/photos/about/'; return; }
              const info = await r.json();
              const panel = document.getElementById('info');
              panel.innerHTML = '';
              for (const f of info.fields) { const d = document.createElement('div'); d.setAttribute('aria-label', f); d.textContent = f; panel.appendChild(d); }
              panel.hidden = false;
            });
            </script>
            """, t);
    }

    private async Task InfoAsync(HttpContext context, string id)
    {
        if (Library.Find(id) is not { } n)
        {
            context.Response.StatusCode = 404;
            return;
        }

        var t = TextsFor(context);
        var item = Library.Item(n);
        var fields = new[]
        {
            $"{t.FileNameLabel} {item.FileName}",
            $"{t.DateTakenLabel} {t.InfoDate(item.CaptureTime.UtcDateTime)}",
            $"{item.CaptureTime.UtcDateTime:HH:mm:ss}",
            "GMT+00:00",
        };
        await JsonAsync(context, new { fields = fields.Select(Faults.Apply).ToList() });
    }

    private async Task DownloadAsync(HttpContext context, string id)
    {
        if (Library.Find(id) is not { } n || Library.Item(n).Kind == WebItemKind.ProcessingVideo)
        {
            context.Response.StatusCode = 404;
            return;
        }

        Counters.Download(id);
        var item = Library.Item(n);
        var bytes = Library.Download(n);
        context.Response.ContentType = item.Kind == WebItemKind.MotionPhoto ? "application/zip" : item.IsVideo ? "video/quicktime" : "image/jpeg";
        context.Response.ContentLength = bytes.Length;
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{item.DownloadName}\"; filename*=UTF-8''{Uri.EscapeDataString(item.DownloadName)}";
        if (Faults.TakeStalledDownload(id))
        {
            await context.Response.Body.WriteAsync(bytes.AsMemory(0, bytes.Length / 2), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }

        if (Faults.DownloadThrottle(id) is var (pieces, pause))
        {
            var size = (bytes.Length + pieces - 1) / pieces;
            for (var at = 0; at < bytes.Length; at += size)
            {
                if (at > 0) await Task.Delay(pause, context.RequestAborted);
                await context.Response.Body.WriteAsync(bytes.AsMemory(at, Math.Min(size, bytes.Length - at)), context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }

            return;
        }

        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    private async Task PageAsync(HttpContext context, string title, string body, WebTexts? texts = null)
    {
        if (Faults.TakeHungPage()) await Task.Delay(Timeout.Infinite, context.RequestAborted);
        if (Faults.PageDelay > TimeSpan.Zero) await Task.Delay(Faults.PageDelay, context.RequestAborted);
        var lang = (texts ?? TextsFor(context)).Lang;
        var html = $"""
            <!doctype html>
            <html lang="{lang}"><head><meta charset="utf-8"><base href="/"><meta property="og:locale" content="{lang}">
            <title>{WebUtility.HtmlEncode(title)}</title></head>
            <body>
            {body}
            </body></html>
            """;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsync(Faults.Apply(html), Encoding.UTF8, context.RequestAborted);
    }

    private Task JsonAsync(HttpContext context, object value)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(Faults.Apply(JsonSerializer.Serialize(value)), Encoding.UTF8, context.RequestAborted);
    }
}
