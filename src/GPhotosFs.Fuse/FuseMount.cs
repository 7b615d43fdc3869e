using System.Runtime.InteropServices;
using System.Text;
using GPhotosFs.Fuse.Native;

namespace GPhotosFs.Fuse;

/// <summary>
/// One mounted FUSE session: created by <see cref="Mount"/>, served by libfuse's multithreaded loop on
/// a dedicated thread, ended by unmounting (<see cref="Unmount"/>, <c>fusermount3 -u</c> or
/// <c>umount</c>). <see cref="Completion"/> finishes when the loop has ended and the session is
/// destroyed. The binding installs no signal handlers: .NET owns SIGINT/SIGTERM, so the host
/// must translate them into <see cref="Unmount"/> (otherwise a dead mount would be left behind).
/// </summary>
public sealed unsafe class FuseMount : IDisposable
{
    private readonly FuseMountOptions _options;
    private readonly TaskCompletionSource<int> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private GCHandle _self;
    private FuseLowLevelOps* _ops;
    private nint _session;
    private Thread? _loopThread;

    private FuseMount(string mountPoint, IFuseFileSystem fileSystem, FuseMountOptions options)
    {
        MountPoint = mountPoint;
        FileSystem = new TimedFuseFileSystem(fileSystem);
        _options = options;
    }

    public string MountPoint { get; }

    /// <summary>Completes with libfuse's loop result once the session has ended.</summary>
    public Task<int> Completion => _completion.Task;

    internal IFuseFileSystem FileSystem { get; }

    /// <summary>Mounts <paramref name="fileSystem"/> at <paramref name="mountPoint"/> and starts serving it.</summary>
    /// <exception cref="FuseException">libfuse rejected the options or the mount failed (libfuse prints the reason on stderr).</exception>
    public static FuseMount Mount(string mountPoint, IFuseFileSystem fileSystem, FuseMountOptions? options = null)
    {
        var mount = new FuseMount(Path.GetFullPath(mountPoint), fileSystem, options ?? new FuseMountOptions());
        try
        {
            mount.CreateSession();
            mount.StartLoop();
            return mount;
        }
        catch
        {
            mount.FreeNative();
            throw;
        }
    }

    /// <summary>Asks the kernel to unmount; the loop then ends by itself.</summary>
    public UnmountResult Unmount(bool lazy = false) =>
        _completion.Task.IsCompleted ? UnmountResult.Ok : Unmounter.Unmount(MountPoint, lazy);

    /// <summary>Tells the kernel to forget a cached name, so a changed directory shows new entries at once.</summary>
    public int InvalidateEntry(ulong parent, ReadOnlySpan<byte> name)
    {
        if (_session == 0 || _completion.Task.IsCompleted)
        {
            return -Errno.ENOTCONN;
        }

        fixed (byte* p = name)
        {
            return LibFuse.NotifyInvalEntry(_session, parent, p, (nuint)name.Length);
        }
    }

    /// <summary>Tells the kernel an inode's attributes (and with <paramref name="offset"/> ≥ 0, its cached data) changed.</summary>
    public int InvalidateInode(ulong ino, long offset = -1, long length = 0)
    {
        if (_session == 0 || _completion.Task.IsCompleted)
        {
            return -Errno.ENOTCONN;
        }

        return LibFuse.NotifyInvalInode(_session, ino, offset, length);
    }

    public void Dispose()
    {
        if (_loopThread is not null && !_completion.Task.IsCompleted)
        {
            Unmount(lazy: true);
            _completion.Task.Wait(TimeSpan.FromSeconds(30));
        }
    }

    internal static FuseMount FromUserdata(nint userdata) => (FuseMount)GCHandle.FromIntPtr(userdata).Target!;

    internal void ReportException(string operation, Exception exception)
    {
        try
        {
            if (_options.OnCallbackException is { } report)
            {
                report(operation, exception);
            }
            else
            {
                Console.Error.WriteLine($"gphotosfs: {operation} failed: {exception}");
            }
        }
        catch
        {
            // Reporting must never turn one failed request into a crash.
        }
    }

    /// <summary>Reports a filesystem exception and answers the request with EIO.</summary>
    internal void Fail(nint req, string operation, Exception exception)
    {
        ReportException(operation, exception);
        LibFuse.ReplyErr(req, Errno.EIO);
    }

    private void CreateSession()
    {
        var argv = new List<string> { "gphotosfs" };
        if (_options.Options.Count > 0)
        {
            argv.Add("-o");
            argv.Add(string.Join(',', _options.Options));
        }

        if (_options.Debug)
        {
            argv.Add("-d");
        }

        _ops = (FuseLowLevelOps*)NativeMemory.AllocZeroed((nuint)sizeof(FuseLowLevelOps));
        *_ops = FuseCallbacks.CreateOps();
        _self = GCHandle.Alloc(this);

        var ownArgv = (byte**)NativeMemory.AllocZeroed((nuint)(argv.Count + 1), (nuint)sizeof(byte*));
        try
        {
            for (var i = 0; i < argv.Count; i++)
            {
                ownArgv[i] = AllocUtf8(argv[i]);
            }

            // fuse_opt_parse replaces args with a copy it allocated (and does not free ours, since
            // Allocated is 0); the session keeps nothing of either, so both are freed right here.
            var args = new FuseArgs { Argc = argv.Count, Argv = ownArgv, Allocated = 0 };
            _session = LibFuse.SessionNew(&args, _ops, (nuint)sizeof(FuseLowLevelOps), GCHandle.ToIntPtr(_self));
            if (args.Argv != ownArgv)
            {
                LibFuse.OptFreeArgs(&args);
            }
        }
        finally
        {
            for (var i = 0; i < argv.Count; i++)
            {
                NativeMemory.Free(ownArgv[i]);
            }

            NativeMemory.Free(ownArgv);
        }

        if (_session == 0)
        {
            throw new FuseException($"libfuse rejected the mount options '{string.Join(',', _options.Options)}' (its message is above).");
        }

        var mountPoint = AllocUtf8(MountPoint);
        try
        {
            if (LibFuse.SessionMount(_session, mountPoint) != 0)
            {
                LibFuse.SessionDestroy(_session);
                _session = 0;
                throw new FuseException(
                    $"Could not mount at {MountPoint} (libfuse's message is above). Check that the folder exists, " +
                    "that nothing is mounted there, and that /dev/fuse is present and accessible (Debian package fuse3).");
            }
        }
        finally
        {
            NativeMemory.Free(mountPoint);
        }
    }

    private void StartLoop()
    {
        _loopThread = new Thread(RunLoop) { IsBackground = true, Name = "fuse-session" };
        _loopThread.Start();
    }

    private void RunLoop()
    {
        var result = -1;
        try
        {
            var config = LibFuse.LoopConfigCreate();
            try
            {
                LibFuse.LoopConfigSetMaxThreads(config, (uint)Math.Max(1, _options.MaxThreads));
                LibFuse.LoopConfigSetCloneFd(config, _options.CloneFd ? 1u : 0u);
                result = LibFuse.SessionLoopMt(_session, config);
            }
            finally
            {
                LibFuse.LoopConfigDestroy(config);
            }

            // A no-op when the kernel already unmounted (the loop ends that way); otherwise the loop
            // failed while still mounted, and leaving that mount behind would leave a dead mount.
            LibFuse.SessionUnmount(_session);
            LibFuse.SessionDestroy(_session);
            _session = 0;
        }
        catch (Exception ex)
        {
            ReportException("session", ex);
        }
        finally
        {
            FreeNative();
            _completion.TrySetResult(result);
        }
    }

    private void FreeNative()
    {
        if (_ops is not null)
        {
            NativeMemory.Free(_ops);
            _ops = null;
        }

        if (_self.IsAllocated)
        {
            _self.Free();
        }
    }

    private static byte* AllocUtf8(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        var p = (byte*)NativeMemory.Alloc((nuint)bytes.Length + 1);
        bytes.CopyTo(new Span<byte>(p, bytes.Length));
        p[bytes.Length] = 0;
        return p;
    }
}
