using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GPhotosFs.Tests.Shared.Hosting;

/// <summary>
/// How the project's emulators are hosted (linked into each emulator project): one request handler
/// on a bare Kestrel bound to 127.0.0.1 (port 0 picks a free one), without a console lifetime, and
/// the base address it listens on once started.
/// </summary>
internal static class LoopbackHost
{
    /// <summary>Builds the app; the caller creates its server object around it, then calls <see cref="StartAsync"/>.</summary>
    public static WebApplication Build(int port, Action<KestrelServerOptions>? configure = null)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddSingleton<IHostLifetime, DetachedHostLifetime>();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port);
            kestrel.AddServerHeader = false;
            kestrel.Limits.MinResponseDataRate = null; // slow clients and injected stalls are the point
            configure?.Invoke(kestrel);
        });
        return builder.Build();
    }

    /// <summary>Serves every request with <paramref name="handler"/> and returns the base address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public static async Task<Uri> StartAsync(WebApplication app, RequestDelegate handler, CancellationToken cancellationToken)
    {
        app.Run(handler);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel did not report the address it listens on");
        return new Uri(address.TrimEnd('/') + "/");
    }

    /// <summary>Stops at once (open requests are aborted) and disposes the app.</summary>
    public static async Task StopAsync(WebApplication app)
    {
        await app.StopAsync(new CancellationToken(canceled: true));
        await app.DisposeAsync();
    }

    /// <summary>No console lifetime: Ctrl-C in a test process must not stop every emulator in it; the owner stops the server.</summary>
    private sealed class DetachedHostLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
