using System.Runtime.InteropServices;

namespace GPhotosFs.Tests.Shared.Hosting;

/// <summary>
/// When a standalone emulator (a bench script's child) should stop: SIGTERM, SIGINT, or, when its
/// stdin is a pipe or socket, that pipe closing (the script that started it ended, even by kill -9).
/// Register it before the server starts so a signal during the start is not lost.
/// </summary>
internal sealed class StopSignals : IDisposable
{
    private readonly TaskCompletionSource _stop = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly PosixSignalRegistration _sigterm;
    private readonly PosixSignalRegistration _sigint;

    public StopSignals()
    {
        _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        _sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
    }

    /// <summary>Completes on the first of the signals, or when a watched stdin closes.</summary>
    public Task Stopped => _stop.Task;

    /// <summary>Also stops when stdin closes, if stdin is a pipe or socket (a terminal or /dev/null is not watched).</summary>
    public void WatchStdinIfPipe()
    {
        if (StdinIsPipe()) _ = WatchStdinAsync();
    }

    public void Dispose()
    {
        _sigterm.Dispose();
        _sigint.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        _stop.TrySetResult();
    }

    private static bool StdinIsPipe()
    {
        try
        {
            var target = new FileInfo("/proc/self/fd/0").LinkTarget;
            return target is not null && (target.StartsWith("pipe:", StringComparison.Ordinal) || target.StartsWith("socket:", StringComparison.Ordinal));
        }
        catch (IOException)
        {
            return false;
        }
    }

    private async Task WatchStdinAsync()
    {
        try
        {
            await using var stdin = Console.OpenStandardInput();
            var buffer = new byte[4096];
            while (await stdin.ReadAsync(buffer) > 0) { }
        }
        catch (IOException)
        {
        }

        _stop.TrySetResult();
    }
}
