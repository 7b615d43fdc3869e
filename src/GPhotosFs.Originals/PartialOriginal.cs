using System.Globalization;
using GPhotosFs.Catalog;
using GPhotosFs.IO;
using Microsoft.Win32.SafeHandles;

namespace GPhotosFs.Originals;

/// <summary>
/// An original being downloaded: a sparse data file plus a record of the byte ranges it holds,
/// under the cache's hidden <c>.partial/</c> folder. The record only ever names bytes that were
/// fsync'd first, so after a crash or kill the download resumes with Range requests for exactly
/// what is missing, and never trusts bytes that may not have reached the disk.
/// </summary>
internal sealed class PartialOriginal : IDisposable
{
    private const string Magic = "gphotosfs-partial 1";

    private readonly string _rangesPath;
    private ByteRangeSet _durable;

    private PartialOriginal(string dataPath, string rangesPath, SafeFileHandle handle, long length, string identity, ByteRangeSet held)
    {
        DataPath = dataPath;
        _rangesPath = rangesPath;
        Handle = handle;
        Length = length;
        Identity = identity;
        _durable = held;
    }

    public string DataPath { get; }

    public SafeFileHandle Handle { get; }

    public long Length { get; }

    /// <summary>What the bytes belong to (item, size, source version); a record for anything else is discarded.</summary>
    public string Identity { get; }

    /// <summary>The ranges recorded as durable when this was opened (what a resume can trust).</summary>
    public ByteRangeSet Durable => _durable;

    /// <summary>Opens the partial download of <paramref name="key"/>, resuming a matching earlier one.</summary>
    public static PartialOriginal OpenOrCreate(string partialFolder, string key, long length, string identity)
    {
        Directory.CreateDirectory(partialFolder);
        var dataPath = Path.Combine(partialFolder, key + ".part");
        var rangesPath = Path.Combine(partialFolder, key + ".ranges");
        // Lock before touching anything: FileShare.None takes an exclusive flock, so a second
        // gphotosfs process (a prefetch run beside the daemon) cannot write the same partial.
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(dataPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, FileOptions.None);
        }
        catch (IOException ex) when (!DiskSpace.IsFull(ex) && File.Exists(dataPath))
        {
            throw new PartialBusyException(dataPath, ex);
        }

        var held = ReadRecord(rangesPath, length, identity) ?? new ByteRangeSet();
        if (held.Ranges.Count == 0)
        {
            File.Delete(rangesPath);
            RandomAccess.SetLength(handle, 0); // nothing in it can be trusted
        }

        if (File.GetUnixFileMode(handle) != (UnixFileMode.UserRead | UnixFileMode.UserWrite))
        {
            File.SetUnixFileMode(handle, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        if (RandomAccess.GetLength(handle) != length)
        {
            // Sparse: only downloaded bytes take disk space.
            RandomAccess.SetLength(handle, length);
        }

        return new PartialOriginal(dataPath, rangesPath, handle, length, identity, held);
    }

    public void Write(long offset, ReadOnlySpan<byte> data) => RandomAccess.Write(Handle, data, offset);

    public int Read(long offset, Span<byte> buffer) => RandomAccess.Read(Handle, buffer, offset);

    /// <summary>Makes everything in <paramref name="held"/> durable: data first, then the record (written aside and renamed).</summary>
    public void Checkpoint(ByteRangeSet held)
    {
        RandomAccess.FlushToDisk(Handle);
        var text = string.Join('\n', Magic, Identity, Length.ToString(CultureInfo.InvariantCulture), held.ToString()) + "\n";
        // A power cut that loses the rename finds the previous record, which names fewer durable bytes: no folder fsync.
        PrivateFiles.ReplaceAtomically(_rangesPath, System.Text.Encoding.UTF8.GetBytes(text), syncFolder: false);
        _durable = held.Clone();
    }

    /// <summary>Removes the record once the data file has been committed (renamed) or abandoned.</summary>
    public void DeleteRecord()
    {
        File.Delete(_rangesPath);
    }

    /// <summary>After the commit the file belongs to the cache: drop the download's exclusive lock so readers can take theirs.</summary>
    public void ReleaseLock()
    {
        _ = Libc.Flock(Handle, Libc.LOCK_UN);
    }

    public void DeleteAll()
    {
        Handle.Dispose();
        File.Delete(DataPath);
        File.Delete(_rangesPath);
    }

    public void Dispose() => Handle.Dispose();

    /// <summary>
    /// Removes the partial downloads in <paramref name="partialFolder"/> that nobody is writing
    /// (no process holds their lock) and that <paramref name="keep"/> does not want, and stray temp
    /// records; returns what was (or, with <paramref name="dryRun"/>, would be) removed and its disk usage.
    /// </summary>
    public static List<(string Path, long Bytes)> RemoveAbandoned(string partialFolder, Func<string, bool> keep, bool dryRun = false)
    {
        var removed = new List<(string, long)>();
        if (!Directory.Exists(partialFolder))
        {
            return removed;
        }

        // A record being written right now is young; a torn one is left by a crash.
        foreach (var temp in Directory.EnumerateFiles(partialFolder, "*.tmp").Where(t => DateTime.UtcNow - File.GetLastWriteTimeUtc(t) > TimeSpan.FromMinutes(5)))
        {
            removed.Add((temp, AllocatedBytes(temp)));
            if (!dryRun)
            {
                TryDelete(temp);
            }
        }

        foreach (var data in Directory.EnumerateFiles(partialFolder, "*.part"))
        {
            var key = Path.GetFileNameWithoutExtension(data);
            if (keep(key))
            {
                continue;
            }

            SafeFileHandle handle;
            try
            {
                // Taking the lock proves no process is writing it (and keeps one from starting meanwhile).
                handle = File.OpenHandle(data, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            using (handle)
            {
                removed.Add((data, AllocatedBytes(data)));
                if (!dryRun)
                {
                    TryDelete(Path.ChangeExtension(data, ".ranges"));
                    TryDelete(data);
                }
            }
        }

        return removed;
    }

    /// <summary>Disk space a (sparse) file takes: st_blocks * 512.</summary>
    public static long AllocatedBytes(string path) => Libc.StatPath(path, out var stat) == 0 ? stat.Blocks * 512 : 0;

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // gone or not ours: nothing to reclaim
        }
    }

    private static ByteRangeSet? ReadRecord(string rangesPath, long length, string identity)
    {
        try
        {
            var lines = File.ReadAllLines(rangesPath);
            if (lines.Length >= 4 && lines[0] == Magic && lines[1] == identity && lines[2] == length.ToString(CultureInfo.InvariantCulture))
            {
                var set = ByteRangeSet.Parse(lines[3]);
                return set.Ranges.Count > 0 && set.Ranges[^1].End > length ? null : set;
            }
        }
        catch (Exception ex) when (ex is IOException or FormatException or UnauthorizedAccessException)
        {
            // Missing, torn or foreign: start over rather than trust it.
        }

        return null;
    }
}

/// <summary>Another gphotosfs process holds this partial download (it is downloading the same original).</summary>
public sealed class PartialBusyException(string dataPath, Exception inner)
    : IOException($"{dataPath} is being downloaded by another gphotosfs process", inner)
{
    public string DataPath { get; } = dataPath;
}
