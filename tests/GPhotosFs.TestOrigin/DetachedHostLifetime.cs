using Microsoft.Extensions.Hosting;

namespace GPhotosFs.TestOrigin;

/// <summary>
/// Replaces the console lifetime, which would stop every origin in a test process on Ctrl-C/SIGTERM and
/// register signal handlers per instance. The owner stops the server (DisposeAsync, or Program on a signal).
/// </summary>
internal sealed class DetachedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
