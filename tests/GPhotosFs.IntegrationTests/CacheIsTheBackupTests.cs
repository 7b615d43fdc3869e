using System.Security.Cryptography;
using GPhotosFs.Catalog;
using GPhotosFs.IntegrationTests.Infrastructure;
using GPhotosFs.TestOrigin;

namespace GPhotosFs.IntegrationTests;

/// <summary>
/// Issue 11 through the real CLI and real mounts: prefetch beside a daemon, a dead origin, a cache
/// on a small filesystem of its own that fills up, an undated item's mtime, and `cache verify`.
/// </summary>
public sealed class CacheIsTheBackupTests : IAsyncLifetime
{
    private static readonly string[] FastRetries = ["-o", "throttle_floor=1,retry_delay_ms=50,catalog_poll=0"];
    private readonly TempFolder _library = new();
    private readonly List<string> _tmpfs = [];
    private TestOriginServer? _origin;

    private string Library => _library.Path;

    private TestOriginServer Origin => _origin!;

    public async Task InitializeAsync()
    {
        _origin = await TestOriginServer.StartAsync(new OriginOptions { ServeUnsignedFiles = true });
    }

    public async Task DisposeAsync()
    {
        if (_origin is not null)
        {
            await _origin.DisposeAsync();
        }

        foreach (var mount in _tmpfs)
        {
            Tools.Run("umount", "-l", mount);
        }

        _library.Dispose();
    }

    [FuseFact]
    public void Prefetch_while_the_library_is_mounted_goes_through_the_daemon_and_readers_get_no_EIO()
    {
        HttpDemo.Create(Library, Origin, "--extra", "30", "--big-mib", "8");
        Origin.Faults.BandwidthBytesPerSecond = 16 << 20;
        using var mount = new MountedLibrary(Library, FastRetries);
        using var backup = new TempFolder();
        // The daemon starts the big download and keeps its partial (a reader that left early).
        Tools.Run("bash", "-c", $"head -c 100000 '{mount["photos/2024/06/big-sample.bin"]}' > /dev/null").AssertSuccess("head");

        using var rsync = Tools.Start("rsync", "-a", mount.Path + "/", backup.Path + "/");
        var prefetch = Tools.RunGphotosfs("prefetch", "--library", Library);
        Assert.True(rsync.WaitForExit(TimeSpan.FromMinutes(5)), "rsync did not finish");
        var rsyncErrors = rsync.StandardError.ReadToEnd();

        prefetch.AssertSuccess("gphotosfs prefetch beside the daemon");
        Assert.Contains("through the mount", prefetch.Stderr);
        Assert.True(rsync.ExitCode == 0, $"rsync of the mount failed while prefetch ran: {rsyncErrors}");
        foreach (var (mountPath, original) in HttpDemo.Items(Library))
        {
            var expected = File.ReadAllBytes(original);
            Assert.True(expected.AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(backup.Path, mountPath))), mountPath);
            Assert.True(Tools.WaitUntil(() => File.Exists(Path.Combine(Library, "cache", mountPath)), TimeSpan.FromSeconds(30)), $"{mountPath} is not cached");
            Assert.True(expected.AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(Library, "cache", mountPath))), "cache: " + mountPath);
        }

        Assert.DoesNotContain("another gphotosfs process", File.ReadAllText(Path.Combine(Library, "gphotosfs.log")));
    }

    [FuseFact]
    public async Task A_refused_origin_fails_reads_in_seconds_and_status_reports_the_source_unavailable()
    {
        HttpDemo.Create(Library, Origin);
        await Origin.DisposeAsync(); // nothing listens on its port any more: connections are refused
        _origin = null;
        // Default retry and stall settings (60 s): only failing fast ends the read within 45 s.
        using var mount = new MountedLibrary(Library, "-o", "catalog_poll=0");
        var (first, _) = HttpDemo.Items(Library)[0];

        var read = Tools.Run("cat", TimeSpan.FromSeconds(45), mount[first]);

        Assert.NotEqual(0, read.ExitCode);
        Assert.Contains("Input/output error", read.Stderr);
        var status = Tools.RunGphotosfs("status", "--library", Library);
        Assert.True(status.ExitCode == 12, $"status exited {status.ExitCode}: {status.Stdout}");
        Assert.Contains("cannot connect to the source", status.Stdout);
        Assert.Contains("connection refused", File.ReadAllText(Path.Combine(Library, "gphotosfs.log")));
    }

    [FuseFact]
    public void A_cache_on_its_own_small_filesystem_that_fills_never_holds_a_partial_file_is_reported_and_recovers()
    {
        HttpDemo.Create(Library, Origin, "--big-mib", "2");
        var cache = MountTmpfs(Path.Combine(Library, "cache"), "3M");
        var filler = Path.Combine(cache, "someone-elses-file");
        File.WriteAllBytes(filler, RandomNumberGenerator.GetBytes(2 << 20));
        using var mount = new MountedLibrary(Library, FastRetries);
        var big = "photos/2024/06/big-sample.bin";

        var full = Tools.Run("cat", TimeSpan.FromMinutes(2), mount[big]);
        Assert.NotEqual(0, full.ExitCode);
        var status = Tools.RunGphotosfs("status", "--library", Library);
        Assert.True(status.ExitCode == 12, $"status exited {status.ExitCode}: {status.Stdout}");
        Assert.Contains("no space left on the disk holding the cache", status.Stdout);
        AssertNoPartialFileUnderARealName(cache);

        // Space freed: the next read works, with no remount, and status is healthy again.
        File.Delete(filler);
        var bytes = File.ReadAllBytes(mount[big]);
        Assert.True(bytes.AsSpan().SequenceEqual(File.ReadAllBytes(HttpDemo.Items(Library).Single(i => i.MountPath == big).Original)));
        Assert.True(Tools.WaitUntil(() => File.Exists(Path.Combine(cache, big)), TimeSpan.FromSeconds(30)), "not cached after space was freed");
        AssertNoPartialFileUnderARealName(cache);
        Assert.True(Tools.WaitUntil(() => Tools.RunGphotosfs("status", "--library", Library).ExitCode == 0, TimeSpan.FromSeconds(30)), "status stays unhealthy");
    }

    [FuseFact]
    public void An_undated_items_mtime_stays_1970_in_the_mount_and_the_cache_after_its_EXIF_date_is_learned()
    {
        HttpDemo.Create(Library, Origin);
        var (path, _) = HttpDemo.Items(Library).First(i => i.MountPath.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase) && HttpDemo.Item(Library, HttpDemo.ItemId(Library, i.MountPath)).CaptureTimeSource == "exif");
        var id = HttpDemo.ItemId(Library, path);
        // An item the source gave no date (Google does this), whose original carries one in its EXIF.
        Tools.Run("sqlite3", Path.Combine(Library, "catalog.db"), $"UPDATE items SET capture_time = NULL, capture_time_source = NULL WHERE id = {id};").AssertSuccess("sqlite3");

        using (var mount = new MountedLibrary(Library, FastRetries))
        {
            Assert.Equal(DateTime.UnixEpoch, File.GetLastWriteTimeUtc(mount[path]));
            File.ReadAllBytes(mount[path]);
            Assert.True(Tools.WaitUntil(() => HttpDemo.Item(Library, id).CaptureTime is not null, TimeSpan.FromSeconds(30)), "the EXIF date was not learned");
            Assert.Equal(ItemRecord.LearnedAfterShown, HttpDemo.Item(Library, id).CaptureTimeSource);
            Assert.StartsWith(HttpDemo.Item(Library, id).CaptureTime!.Value.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), Xattr(mount[path], "user.gphotos.taken"));
            Assert.True(Tools.WaitUntil(() => Xattr(mount[path], "user.gphotos.cached") == "1", TimeSpan.FromSeconds(30)), "user.gphotos.cached is not 1");
            var uncached = HttpDemo.Items(Library).First(i => i.MountPath != path).MountPath;
            Assert.Equal("0", Xattr(mount[uncached], "user.gphotos.cached"));
        }

        // After a remount (restic's next run), the mount and the cache still agree on 1970.
        using var again = new MountedLibrary(Library, FastRetries);
        Assert.Equal(DateTime.UnixEpoch, File.GetLastWriteTimeUtc(again[path]));
        Assert.Equal(DateTime.UnixEpoch, File.GetLastWriteTimeUtc(Path.Combine(Library, "cache", path)));
    }

    [FuseFact]
    public void Eviction_by_cache_max_size_is_logged_per_file_and_status_says_the_cache_is_incomplete()
    {
        HttpDemo.Create(Library, Origin);
        var items = HttpDemo.Items(Library).Where(i => new FileInfo(i.Original).Length < 400_000).Take(3).ToList();
        var limit = items.Max(i => new FileInfo(i.Original).Length) + 1;
        using (var mount = new MountedLibrary(Library, ["-o", $"cache_max_size={limit},catalog_poll=0,prefetch_depth=0"]))
        {
            foreach (var (path, original) in items)
            {
                Assert.True(File.ReadAllBytes(original).AsSpan().SequenceEqual(File.ReadAllBytes(mount[path])), path);
                Assert.True(Tools.WaitUntil(() => File.Exists(Path.Combine(Library, "cache", path)), TimeSpan.FromSeconds(30)), $"{path} was not cached");
            }

            long CacheBytes() => Directory.EnumerateFiles(Path.Combine(Library, "cache", "photos"), "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
            Assert.True(Tools.WaitUntil(() => CacheBytes() <= limit, TimeSpan.FromSeconds(30)), $"the cache holds {CacheBytes()} bytes, over its limit of {limit}");
            // Exactly enough: the most recently used original, which fits, stays.
            Assert.True(File.Exists(Path.Combine(Library, "cache", items[^1].MountPath)), "the newest original was evicted although it fits");
            // The eviction is on record while the daemon still runs (not only after a clean unmount).
            Assert.True(Tools.WaitUntil(() => Tools.RunGphotosfs("status", "--library", Library).Stdout.Contains("INCOMPLETE copy of the library"), TimeSpan.FromSeconds(60)),
                "status never said the cache is incomplete while mounted");
        }

        var status = Tools.RunGphotosfs("status", "--library", Library);
        Assert.Contains("INCOMPLETE copy of the library", status.Stdout);
        Assert.Contains("Cache limit: evicted '", File.ReadAllText(Path.Combine(Library, "gphotosfs.log")));
    }

    [Fact]
    public void Cache_verify_quarantines_a_corrupted_original_and_cache_clean_removes_only_strays()
    {
        HttpDemo.Create(Library, Origin);
        Tools.RunGphotosfs("prefetch", "--library", Library).AssertSuccess("prefetch");
        Tools.RunGphotosfs("cache", "verify", "--library", Library).AssertSuccess("cache verify of a good cache");

        var (victim, _) = HttpDemo.Items(Library)[0];
        var cachedVictim = Path.Combine(Library, "cache", victim);
        var bytes = File.ReadAllBytes(cachedVictim);
        bytes[^10] ^= 0xFF; // same size, different content (bit rot)
        File.WriteAllBytes(cachedVictim, bytes);
        var stray = Path.Combine(Library, "cache", "photos", ".IMG.jpg.gphotosfs-tmp");
        File.WriteAllBytes(stray, [1, 2, 3]);
        var abandoned = Path.Combine(Library, "partial", "999999.part");
        File.WriteAllBytes(abandoned, new byte[8192]);

        var verify = Tools.RunGphotosfs("cache", "verify", "--library", Library);
        Assert.Equal(1, verify.ExitCode);
        Assert.Contains($"MISMATCH {victim}", verify.Stdout);
        Assert.False(File.Exists(cachedVictim));
        Assert.True(File.Exists(Path.Combine(Library, "cache", ".gphotosfs-quarantine", victim)));

        var dry = Tools.RunGphotosfs("cache", "clean", "--dry-run", "--library", Library).AssertSuccess("cache clean --dry-run");
        Assert.Contains(stray, dry.Stdout);
        Assert.Contains(abandoned, dry.Stdout);
        Assert.True(File.Exists(stray) && File.Exists(abandoned), "a dry run removed something");
        Tools.RunGphotosfs("cache", "clean", "--library", Library).AssertSuccess("cache clean");
        Assert.False(File.Exists(stray) || File.Exists(abandoned));
        Assert.All(HttpDemo.Items(Library).Where(i => i.MountPath != victim), i => Assert.True(File.Exists(Path.Combine(Library, "cache", i.MountPath)), i.MountPath));

        // The quarantined original comes back on the next prefetch.
        Tools.RunGphotosfs("prefetch", "--library", Library).AssertSuccess("prefetch again");
        Tools.RunGphotosfs("cache", "verify", "--library", Library).AssertSuccess("cache verify after the refetch");
    }

    private static string? Xattr(string path, string name)
    {
        var buffer = new byte[4096];
        var n = GetXattr(path, name, buffer, buffer.Length);
        return n < 0 ? null : System.Text.Encoding.UTF8.GetString(buffer, 0, (int)n);
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "getxattr", SetLastError = true)]
    private static extern nint GetXattr([System.Runtime.InteropServices.MarshalAs(System.Runtime.InteropServices.UnmanagedType.LPUTF8Str)] string path,
        [System.Runtime.InteropServices.MarshalAs(System.Runtime.InteropServices.UnmanagedType.LPUTF8Str)] string name, byte[] value, nint size);

    private static void AssertNoPartialFileUnderARealName(string cache)
    {
        foreach (var file in Directory.EnumerateFiles(cache, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(cache, file);
            if (relative.StartsWith(".gphotosfs-partial/", StringComparison.Ordinal) || relative == "someone-elses-file" || new FileInfo(file).LinkTarget is not null)
            {
                continue;
            }

            Assert.DoesNotContain(".gphotosfs-tmp", relative);
            Assert.True(new FileInfo(file).Length > 0, $"an empty file under a real name: {relative}");
        }
    }

    private string MountTmpfs(string path, string size)
    {
        Directory.CreateDirectory(path);
        Tools.Run("mount", "-t", "tmpfs", "-o", $"size={size},mode=0700", "tmpfs", path).AssertSuccess("mount tmpfs");
        _tmpfs.Add(path);
        return path;
    }
}
