using System.Net;
using System.Text;
using GPhotosFs.Catalog;
using GPhotosFs.Cli.History;
using GPhotosFs.Library;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace GPhotosFs.Cli.StatusPage;

/// <summary>
/// Serves the status page at <c>/</c> and Prometheus metrics at <c>/metrics</c> on 127.0.0.1 only
/// (Kestrel). Not the status JSON: it names the cache folder and mount point, which may lie outside
/// the library (it stays in the mount's .gphotosfs/status.json and `status --json`). Read-only: GET and HEAD, nothing else; the data
/// is read at most every <see cref="MaxAge"/> however often it is asked for.
/// </summary>
internal sealed class StatusServer : IAsyncDisposable
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(2);

    private readonly WebApplication _app;

    private StatusServer(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    /// <param name="port">0 picks a free port (see <see cref="Port"/>).</param>
    /// <param name="staleAfter">Read on every refresh, so a reloaded config applies.</param>
    public static async Task<StatusServer> StartAsync(
        LibraryCatalog catalog, LibraryLocation library, Func<TimeSpan> staleAfter, EngineActivity activity, int port, ILogger logger, CancellationToken cancellationToken = default)
    {
        var cached = new CachedValue<StatusPageData>(() => StatusPageData.Gather(catalog, library, staleAfter(), activity.RecentFailures), MaxAge);
        var metrics = new LibraryMetrics(activity, () => cached.Get());

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddSingleton<IHostLifetime, QuietLifetime>();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port);
            kestrel.AddServerHeader = false;
        });
        var app = builder.Build();
        app.Run(context => HandleAsync(context, cached, metrics.Registry, logger));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel did not report the address it listens on");
        var bound = new Uri(address).Port;
        HistoryLog.Serving(logger, bound);
        return new StatusServer(app, bound);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task HandleAsync(HttpContext context, CachedValue<StatusPageData> data, CollectorRegistry registry, ILogger logger)
    {
        var request = context.Request;
        var response = context.Response;
        response.Headers.CacheControl = "no-store";
        response.Headers["X-Content-Type-Options"] = "nosniff";
        // Nothing may load from elsewhere, and no script runs: the page is CSS and inline SVG.
        response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'";
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            response.Headers.Allow = "GET, HEAD";
            return;
        }

        try
        {
            switch (request.Path.Value)
            {
                case "/" or "/index.html":
                    response.ContentType = "text/html; charset=utf-8";
                    await response.WriteAsync(StatusPageRenderer.Render(data.Get()), Encoding.UTF8, context.RequestAborted).ConfigureAwait(false);
                    break;
                case "/metrics":
                    response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
                    await registry.CollectAndExportAsTextAsync(response.Body, context.RequestAborted).ConfigureAwait(false);
                    break;
                default:
                    response.StatusCode = StatusCodes.Status404NotFound;
                    response.ContentType = "text/plain; charset=utf-8";
                    await response.WriteAsync("Not found. The status page is at /, metrics at /metrics.\n", context.RequestAborted).ConfigureAwait(false);
                    break;
            }
        }
        catch (Exception ex) when (ex is CatalogException or IOException or UnauthorizedAccessException or System.Data.Common.DbException)
        {
            HistoryLog.PageFailed(logger, ex.Message);
            if (!response.HasStarted)
            {
                response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                response.ContentType = "text/plain; charset=utf-8";
                await response.WriteAsync($"The library's status cannot be read right now: {new PageScrubber(LibraryFolderOf(data)).Scrub(ex.Message)}\n", context.RequestAborted).ConfigureAwait(false);
            }
        }
    }

    private static string LibraryFolderOf(CachedValue<StatusPageData> data) => data.Last?.Status.Library ?? "/";

    /// <summary>The server's owner stops it; no console lifetime (it would take over Ctrl-C and SIGTERM from the mount).</summary>
    private sealed class QuietLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

/// <summary>A value computed at most once per <c>maxAge</c>; concurrent askers share one computation.</summary>
internal sealed class CachedValue<T>(Func<T> compute, TimeSpan maxAge, TimeProvider? time = null)
    where T : class
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private DateTimeOffset _computedAt = DateTimeOffset.MinValue;

    public T? Last { get; private set; }

    public T Get()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (Last is null || now - _computedAt >= maxAge)
            {
                Last = compute();
                _computedAt = now;
            }

            return Last;
        }
    }
}
