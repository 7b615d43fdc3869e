using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GPhotosFs.IntegrationTests.Infrastructure;

/// <summary>
/// A local healthchecks.io stand-in on 127.0.0.1: records every ping (path and body) in arrival order,
/// and answers each path with scripted status codes (then 200), or hangs when told to.
/// </summary>
internal sealed class PingReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<int>> _scripted = new();

    private PingReceiver(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    /// <summary>The check URL tests configure: BASE/ping/&lt;uuid&gt;.</summary>
    public Uri CheckUrl => new(BaseUri, "ping/5f1c2a9e-0000-4000-8000-00000000beef");

    public ConcurrentQueue<(string Path, string Body)> Received { get; } = new();

    public bool Hang { get; set; }

    /// <summary>Answers the next requests to <paramref name="path"/> with these codes, in order.</summary>
    public void Script(string path, params int[] codes)
    {
        var queue = _scripted.GetOrAdd(path, _ => new ConcurrentQueue<int>());
        foreach (var code in codes)
        {
            queue.Enqueue(code);
        }
    }

    public IReadOnlyList<string> Paths => Received.Select(r => r.Path).ToList();

    public static async Task<PingReceiver> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddSingleton<IHostLifetime, NoLifetime>();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        PingReceiver? receiver = null;
        app.Run(async context =>
        {
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted);
            var path = context.Request.Path.Value ?? "";
            receiver!.Received.Enqueue((path, body));
            if (receiver.Hang)
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }

            context.Response.StatusCode = receiver._scripted.TryGetValue(path, out var queue) && queue.TryDequeue(out var code) ? code : 200;
            await context.Response.WriteAsync("OK", context.RequestAborted);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver = new PingReceiver(app, new Uri(address.TrimEnd('/') + "/"));
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }

    private sealed class NoLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
