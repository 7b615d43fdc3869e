using System.Runtime.InteropServices;
using GPhotosFs.Fuse;
using GPhotosFs.IO;
using GPhotosFs.Vfs.Content;
using GPhotosFs.Vfs.Tree;
using GPhotosFs.Vfs;
using Microsoft.Extensions.Logging;

namespace GPhotosFs.Mount;

/// <summary>
/// Runs one mounted library: mounts it, tunes readahead, turns SIGINT/SIGTERM into a clean unmount
/// (so no dead "Transport endpoint is not connected" mount is ever left), SIGHUP into a catalog
/// reload, and shows catalog changes without a remount.
/// </summary>
public sealed class MountHost : IDisposable
{
    private readonly PhotoFileSystem _fileSystem;
    private readonly MountSettings _settings;
    private readonly ILogger _logger;
    private readonly FuseMount _mount;
    private readonly CancellationTokenSource _stopping = new();
    private int _terminating;

    private MountHost(PhotoFileSystem fileSystem, MountSettings settings, ILogger logger, FuseMount mount, PhotoFuseAdapter adapter)
    {
        _fileSystem = fileSystem;
        _settings = settings;
        _logger = logger;
        _mount = mount;
        Adapter = adapter;
    }

    public string MountPoint => _mount.MountPoint;

    public PhotoFuseAdapter Adapter { get; }

    /// <summary>Completes when the session has ended (unmounted).</summary>
    public Task<int> Completion => _mount.Completion;

    /// <exception cref="FuseException">The mount failed; the message says why.</exception>
    /// <param name="buffers">The library's budget of read and download buffers; null: one of the default size for this mount's reads.</param>
    public static MountHost Start(string mountPoint, PhotoFileSystem fileSystem, MountSettings settings, ILogger logger, string libraryDescription, BufferBudget? buffers = null)
    {
        if (MountPointCheck.Problem(mountPoint, settings.AllowNonEmpty) is { } problem)
        {
            throw new FuseException(problem);
        }

        var identity = new MountIdentity(settings.Uid ?? Libc.GetEuid(), settings.Gid ?? Libc.GetEgid(), settings.FilePermissions, settings.DirPermissions);
        var adapter = new PhotoFuseAdapter(fileSystem, identity, logger, settings.Xattrs, buffers);
        var options = new FuseMountOptions
        {
            MaxThreads = settings.MaxThreads,
            Debug = settings.FuseDebug,
            OnCallbackException = (operation, ex) => MountLog.UnexpectedError(logger, operation, ex),
        };
        options.Options.AddRange(["ro", "default_permissions", $"fsname={settings.FsName.Replace(",", "_", StringComparison.Ordinal)}", "subtype=gphotosfs"]);
        if (settings.AllowOther)
        {
            options.Options.Add("allow_other");
        }

        options.Options.AddRange(settings.KernelOptions);
        var mount = FuseMount.Mount(mountPoint, adapter, options);
        var host = new MountHost(fileSystem, settings, logger, mount, adapter);
        MountLog.Mounted(logger, libraryDescription, mount.MountPoint);
        host.TuneReadahead();
        if (settings.CatalogPollInterval > TimeSpan.Zero)
        {
            _ = host.WatchCatalogAsync(settings.CatalogPollInterval);
        }

        return host;
    }

    /// <summary>SIGINT and SIGTERM unmount (also one that came while mounting); SIGHUP reloads the catalog.</summary>
    public void StopOn(ProcessSignals signals)
    {
        signals.ReloadRequested += Reload;
        _ = signals.StopRequested.ContinueWith(t => OnStop(t.Result), TaskScheduler.Default);
    }

    public UnmountResult Unmount(bool lazy = false) => _mount.Unmount(lazy);

    /// <summary>Rebuilds the tree if the catalog changed and tells the kernel which folders changed.</summary>
    public void Reload()
    {
        var before = _fileSystem.Tree;
        if (_fileSystem.ReloadIfChanged() is not { } after)
        {
            return;
        }

        var changed = TreeDiff.ChangedDirectories(before, after);
        foreach (var (dir, names) in changed)
        {
            foreach (var name in names)
            {
                _mount.InvalidateEntry(dir, name);
            }

            // Offset 0: drop the kernel's cached listing too, not only the attributes (offset -1). A
            // listing is revalidated by the folder's mtime alone, which a new subfolder (a new month
            // in an existing year) does not change: the new folder could be looked up but not listed.
            _mount.InvalidateInode(dir, 0, 0);
        }

        MountLog.TreeReloaded(_logger, changed.Count);
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _mount.Dispose();
    }

    private void OnStop(PosixSignal signal)
    {
        if (Interlocked.Exchange(ref _terminating, 1) != 0)
        {
            return;
        }

        MountLog.SignalReceived(_logger, signal.ToString(), MountPoint);
        var result = _mount.Unmount();
        if (result.Success)
        {
            return;
        }

        if (result.Errno == Errno.EBUSY)
        {
            // Detach now so the path is free and nothing dead is left behind; open files keep
            // working until they close or the grace period ends.
            var detach = _mount.Unmount(lazy: true);
            if (detach.Success)
            {
                MountLog.DetachedBusy(_logger, MountPoint, (int)_settings.TerminationGrace.TotalSeconds);
                _ = EndAfterGraceAsync();
                return;
            }

            result = detach;
        }

        MountLog.UnmountFailed(_logger, MountPoint, result.Message);
    }

    private async Task EndAfterGraceAsync()
    {
        if (await Task.WhenAny(_mount.Completion, Task.Delay(_settings.TerminationGrace)).ConfigureAwait(false) != _mount.Completion)
        {
            // The mount is already detached, so exiting leaves no mount behind; the readers still
            // holding files get ENOTCONN.
            MountLog.GraceExpired(_logger, MountPoint);
            Environment.Exit(0);
        }
    }

    private async Task WatchCatalogAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false) && !_mount.Completion.IsCompleted)
            {
                try
                {
                    Reload();
                }
                catch (Exception ex)
                {
                    MountLog.UnexpectedError(_logger, "catalog reload", ex);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>
    /// The kernel caps readahead at what it offered in INIT (128 KiB), so bigger requests are set
    /// afterwards on the mount's backing device: /sys/class/bdi/MAJOR:MINOR/read_ahead_kb.
    /// </summary>
    private void TuneReadahead()
    {
        if (_settings.ReadaheadKilobytes <= 0)
        {
            return;
        }

        try
        {
            // stat waits for INIT to finish, after which the kernel no longer lowers the value.
            var dev = DeviceOf(MountPoint);
            var major = ((dev >> 8) & 0xfff) | ((dev >> 32) & ~0xfffUL);
            var minor = (dev & 0xff) | ((dev >> 12) & ~0xffUL);
            File.WriteAllText($"/sys/class/bdi/{major}:{minor}/read_ahead_kb", _settings.ReadaheadKilobytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
            MountLog.ReadaheadSet(_logger, MountPoint, _settings.ReadaheadKilobytes);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            MountLog.ReadaheadFailed(_logger, MountPoint, ex.Message);
        }
    }

    private static ulong DeviceOf(string path)
    {
        if (Libc.StatPath(path, out var stat) != 0)
        {
            throw new IOException($"stat {path}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }

        return stat.Dev;
    }
}
