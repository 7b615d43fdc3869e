using System.Runtime.InteropServices;
using GPhotosFs.IO;

namespace GPhotosFs.Mount;

/// <summary>
/// SIGINT/SIGTERM (stop) and SIGHUP (reload), registered before anything is mounted: .NET's default
/// for SIGINT/SIGTERM is to end the process, which would leave a dead mount if a signal arrived
/// while the mount was coming up. A stop request made then is kept and acted on once mounted.
/// </summary>
public sealed class ProcessSignals : IDisposable
{
    private readonly TaskCompletionSource<PosixSignal> _stop = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<PosixSignalRegistration> _registrations = [];

    private ProcessSignals()
    {
        // A daemon started from a background job or under nohup inherits SIGINT and SIGHUP as
        // ignored, and .NET registers no handler over an ignored signal: `kill -INT` would then not
        // unmount and `kill -HUP` not reload. These three signals are the daemon's interface, so
        // their inherited disposition is reset first.
        foreach (var signal in (int[])[Libc.SIGHUP, Libc.SIGINT, Libc.SIGTERM])
        {
            Libc.RestoreDefaultAction(signal);
        }

        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnStop));
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, OnStop));
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
        {
            context.Cancel = true;
            ReloadRequested?.Invoke();
        }));
    }

    /// <summary>Completes with the first SIGINT or SIGTERM.</summary>
    public Task<PosixSignal> StopRequested => _stop.Task;

    public event Action? ReloadRequested;

    public static ProcessSignals Register() => new();

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
    }

    private void OnStop(PosixSignalContext context)
    {
        context.Cancel = true;
        _stop.TrySetResult(context.Signal);
    }
}
