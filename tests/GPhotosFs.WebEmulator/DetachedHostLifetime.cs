using Microsoft.Extensions.Hosting;

namespace GPhotosFs.WebEmulator;

/// <summary>No console lifetime: Ctrl-C in a test process must not stop every emulator in it; the owner stops the server.</summary>
internal sealed class DetachedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
