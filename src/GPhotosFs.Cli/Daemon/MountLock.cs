using System.Text.Json;
using System.Text.Json.Serialization;
using GPhotosFs.Catalog;

namespace GPhotosFs.Cli.Daemon;

/// <summary>
/// One daemon per library: the daemon holds an exclusive flock on <c>state/mount.lock</c> for its
/// whole life (the kernel drops it when the process dies, even by kill -9, so no stale lock is ever
/// left) and describes itself in <c>state/mount.json</c>, which a second mount and <c>status</c> read.
/// </summary>
public sealed class MountLock : IDisposable
{
    public const string LockFileName = "mount.lock";
    public const string InfoFileName = "mount.json";

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    private readonly FileStream _lock;
    private readonly string _infoPath;

    private MountLock(FileStream held, string infoPath)
    {
        _lock = held;
        _infoPath = infoPath;
    }

    /// <summary>Takes the library's lock and records this process as its daemon.</summary>
    /// <exception cref="MountLockHeldException">Another daemon holds it.</exception>
    public static MountLock Acquire(string stateFolder, string mountPoint)
    {
        PrivateFiles.EnsureDirectory(stateFolder);
        var lockPath = Path.Combine(stateFolder, LockFileName);
        FileStream held;
        try
        {
            // FileShare.None is flock(LOCK_EX | LOCK_NB) on Unix.
            held = new FileStream(lockPath, new FileStreamOptions
            {
                Mode = FileMode.OpenOrCreate,
                Access = FileAccess.ReadWrite,
                Share = FileShare.None,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
        }
        catch (IOException)
        {
            var holder = ReadInfo(stateFolder);
            throw new MountLockHeldException(holder);
        }

        var info = new MountInfo(Environment.ProcessId, Path.GetFullPath(mountPoint), DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
        var infoPath = Path.Combine(stateFolder, InfoFileName);
        PrivateFiles.ReplaceAtomically(infoPath, JsonSerializer.SerializeToUtf8Bytes(info, JsonOptions));
        return new MountLock(held, infoPath);
    }

    /// <summary>The daemon serving the library now, or null: its recorded pid must be alive and its mount point mounted.</summary>
    public static MountInfo? FindDaemon(string stateFolder)
    {
        if (ReadInfo(stateFolder) is not { } info || !Directory.Exists($"/proc/{info.Pid}"))
        {
            return null;
        }

        try
        {
            var mounted = File.ReadLines("/proc/self/mountinfo").Any(l => UnescapeMountInfo(l.Split(' ')[4]) == info.MountPoint);
            var command = File.ReadAllText($"/proc/{info.Pid}/cmdline");
            return mounted && command.Contains("gphotosfs", StringComparison.Ordinal) ? info : null;
        }
        catch (IOException)
        {
            return null; // it ended while we looked
        }
    }

    /// <summary>
    /// A mount left behind by a daemon that died without unmounting (kill -9, a crash): its record is
    /// still there, its process is gone, and its mount point still holds a gphotosfs mount, which
    /// answers "Transport endpoint is not connected". Null otherwise.
    /// </summary>
    public static MountInfo? FindDeadMount(string stateFolder) =>
        ReadInfo(stateFolder) is { } info && FindDaemon(stateFolder) is null && GPhotosFs.Mount.MountPointCheck.MountedType(info.MountPoint) == "fuse.gphotosfs"
            ? info
            : null;

    /// <summary>Whether no process holds the library's lock (so a mount may start now).</summary>
    public static bool IsFree(string stateFolder)
    {
        try
        {
            using var probe = new FileStream(Path.Combine(stateFolder, LockFileName), new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.ReadWrite,
                Share = FileShare.None,
            });
            return true;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        try
        {
            File.Delete(_infoPath);
        }
        catch (IOException)
        {
        }

        _lock.Dispose();
    }

    private static MountInfo? ReadInfo(string stateFolder)
    {
        try
        {
            return JsonSerializer.Deserialize<MountInfo>(File.ReadAllText(Path.Combine(stateFolder, InfoFileName)), JsonOptions);
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string UnescapeMountInfo(string field) =>
        field.Replace("\\040", " ", StringComparison.Ordinal).Replace("\\011", "\t", StringComparison.Ordinal)
             .Replace("\\012", "\n", StringComparison.Ordinal).Replace("\\134", "\\", StringComparison.Ordinal);
}

/// <summary>What a running daemon records about itself.</summary>
public sealed record MountInfo(int Pid, string MountPoint, DateTimeOffset StartedAt);

/// <summary>The library is already served by another daemon.</summary>
public sealed class MountLockHeldException(MountInfo? holder) : Exception(
    holder is null
        ? "the library is already mounted by another gphotosfs process."
        : $"the library is already mounted on {holder.MountPoint} by gphotosfs process {holder.Pid}; unmount it first ('gphotosfs unmount {holder.MountPoint}').")
{
    public MountInfo? Holder { get; } = holder;
}
