using System.Globalization;
using System.Security.Cryptography;
using GPhotosFs.IntegrationTests.Infrastructure;
using GPhotosFs.Originals;
using GPhotosFs.TestOrigin;

namespace GPhotosFs.IntegrationTests;

/// <summary>
/// A library whose originals are downloaded over HTTP from a local fault-injecting origin, through
/// the mount, by real clients: what a Google-backed library does, minus Google.
/// </summary>
public sealed class DownloadCacheTests : IAsyncLifetime
{
    private readonly TempFolder _library = new();
    private TestOriginServer _origin = null!;

    private string Library => _library.Path;

    private static readonly string[] FastRetries = ["-o", "throttle_floor=1,retry_delay_ms=50,catalog_poll=0"];

    public async Task InitializeAsync()
    {
        _origin = await TestOriginServer.StartAsync(new OriginOptions { ServeUnsignedFiles = true });
        _origin.Faults.StallDuration = TimeSpan.FromSeconds(1);
        _origin.Faults.RetryAfter = TimeSpan.FromSeconds(1);
    }

    public async Task DisposeAsync()
    {
        var log = Path.Combine(Library, "gphotosfs.log");
        if (File.Exists(log) && Environment.GetEnvironmentVariable("GPHOTOSFS_KEEP_LOG") is { } keep)
        {
            File.Copy(log, keep, overwrite: true);
        }

        await _origin.DisposeAsync();
        _library.Dispose();
    }

    [FuseFact]
    public void An_rsync_of_the_mount_over_an_origin_failing_a_fifth_of_its_answers_is_byte_identical()
    {
        HttpDemo.Create(Library, _origin, "--extra", "150");
        _origin.Faults.FaultRate = 0.2;
        using var mount = new MountedLibrary(Library, FastRetries);
        using var backup = new TempFolder();

        Tools.Run("rsync", TimeSpan.FromMinutes(10), "-a", mount.Path + "/", backup.Path + "/").AssertSuccess("rsync");

        var items = HttpDemo.Items(Library);
        Assert.Equal(162, items.Count);
        // A reader has its last byte once the original is verified; the commit into the cache follows.
        Assert.True(Tools.WaitUntil(() => items.All(i => File.Exists(Path.Combine(Library, "cache", i.MountPath))), TimeSpan.FromSeconds(60)), "not every original reached the cache");
        foreach (var (mountPath, original) in items)
        {
            Assert.True(File.ReadAllBytes(original).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(backup.Path, mountPath))), mountPath);
            Assert.True(File.ReadAllBytes(original).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(Library, "cache", mountPath))), "cache: " + mountPath);
        }

        var faults = _origin.Counters.ByFault.Where(kv => kv.Key != OriginFaultKind.None).Sum(kv => kv.Value);
        Assert.True(faults >= 10, $"only {faults} faults were injected in {_origin.Counters.TotalRequests} requests");
        Assert.Empty(Directory.GetFiles(Path.Combine(Library, "partial")));

        // A second rsync of the unchanged mount asks the origin for nothing.
        _origin.Counters.Reset();
        var second = Tools.Run("rsync", "-ai", "--checksum", mount.Path + "/", backup.Path + "/").AssertSuccess("second rsync");
        Assert.Equal("", second.Stdout.Trim());
        Assert.Equal(0, _origin.Counters.TotalRequests);
    }

    [FuseFact]
    public void After_a_kill_9_during_many_downloads_nothing_partial_is_visible_and_only_missing_ranges_are_fetched()
    {
        HttpDemo.Create(Library, _origin, "--extra", "40", "--big-mib", "48");
        _origin.Faults.BandwidthBytesPerSecond = 24 << 20;
        var big = "photos/2024/06/big-sample.bin";
        var bigId = "big/big-sample.bin";

        using (var mount = new MountedLibrary(Library, FastRetries))
        {
            // Many readers at once, the big one among them; kill the daemon while they are mid-way.
            var readers = HttpDemo.Items(Library).Take(30).Select(i => i.MountPath).Append(big)
                .Select(p => Tools.Start("bash", "-c", $"cat '{mount[p]}' > /dev/null")).ToList();
            Assert.True(Tools.WaitUntil(() => File.Exists(Path.Combine(Library, "partial", $"{HttpDemo.ItemId(Library, big)}.ranges")), TimeSpan.FromSeconds(30)), "no checkpoint of the big download");
            Tools.Signal(mount.DaemonPid, "KILL");
            mount.WaitForDaemonExit();
            foreach (var reader in readers)
            {
                reader.WaitForExit(10_000);
                reader.Dispose();
            }

            Tools.RunGphotosfs("unmount", mount.Path).AssertSuccess("clearing the dead mount");
        }

        // Nothing partial in the cache tree: every file there is a complete, verified original.
        var items = HttpDemo.Items(Library).ToDictionary(i => i.MountPath, i => i.Original);
        foreach (var cached in Directory.EnumerateFiles(Path.Combine(Library, "cache"), "*", SearchOption.AllDirectories))
        {
            var mountPath = Path.GetRelativePath(Path.Combine(Library, "cache"), cached);
            if (new FileInfo(cached).LinkTarget is { } target)
            {
                // An album entry: a link to a complete original in the cache, never a dangling one.
                Assert.StartsWith("albums/", mountPath, StringComparison.Ordinal);
                Assert.True(File.Exists(cached), $"dangling album link in the cache: {mountPath} -> {target}");
                continue;
            }

            Assert.True(items.ContainsKey(mountPath), $"unexpected file in the cache: {mountPath}");
            Assert.Equal(SHA256.HashData(File.ReadAllBytes(items[mountPath])), SHA256.HashData(File.ReadAllBytes(cached)));
        }

        var record = File.ReadAllLines(Path.Combine(Library, "partial", $"{HttpDemo.ItemId(Library, big)}.ranges"));
        var held = ByteRangeSet.Parse(record[3]);
        Assert.True(held.TotalBytes > 0 && !held.IsComplete(48L << 20), $"held {held} of the big item");

        _origin.Faults.BandwidthBytesPerSecond = 0;
        _origin.Counters.Reset();
        using (var again = new MountedLibrary(Library, FastRetries))
        {
            Assert.True(File.ReadAllBytes(items[big]).AsSpan().SequenceEqual(File.ReadAllBytes(again[big])));
            foreach (var (mountPath, original) in items)
            {
                Assert.True(File.ReadAllBytes(original).AsSpan().SequenceEqual(File.ReadAllBytes(again[mountPath])), mountPath);
            }
        }

        var refetched = _origin.Counters.Log.Where(r => r.Id == bigId && r.Range is not null).Select(r => r.Range!.Value).ToList();
        Assert.NotEmpty(refetched);
        Assert.All(refetched, r => Assert.False(held.Contains(r.First, r.First + 1), $"byte {r.First} was held but fetched again"));
    }

    [FuseFact]
    public void An_original_that_fails_verification_is_never_served_to_its_end_nor_cached()
    {
        HttpDemo.Create(Library, _origin);
        var item = HttpDemo.Items(Library).First(i => i.MountPath.EndsWith("PXL_20211224_190000123.jpg", StringComparison.Ordinal));
        var bytes = File.ReadAllBytes(item.Original);
        bytes[^1] = 0x00; // the same size, but no JPEG end marker: a garbled original
        File.WriteAllBytes(item.Original, bytes);
        using var mount = new MountedLibrary(Library, FastRetries);

        var cat = Tools.Run("bash", "-c", $"cat '{mount[item.MountPath]}' > /dev/null");

        Assert.NotEqual(0, cat.ExitCode);
        Assert.Contains("Input/output error", cat.Stderr);
        Assert.False(File.Exists(Path.Combine(Library, "cache", item.MountPath)));
        Assert.Contains("failed verification", File.ReadAllText(Path.Combine(Library, "gphotosfs.log")));
    }

    [FuseFact]
    public void The_cache_tree_holds_the_mounts_albums_as_links_to_originals_once_they_are_cached()
    {
        HttpDemo.Create(Library, _origin);
        using var mount = new MountedLibrary(Library, FastRetries);
        var cacheAlbums = Path.Combine(Library, "cache", "albums");
        var albumEntries = Directory.EnumerateFileSystemEntries(Path.Combine(mount.Path, "albums"), "*", SearchOption.AllDirectories)
            .Select(p => (Relative: Path.GetRelativePath(mount.Path, p), Target: new FileInfo(p).LinkTarget))
            .Where(e => e.Target is not null)
            .ToList();
        Assert.True(albumEntries.Count >= 6, $"the demo has {albumEntries.Count} album entries");

        // One album entry read through the mount: its link appears, and only its link (nothing dangles).
        var (firstEntry, firstTarget) = albumEntries[0];
        Tools.Run("cat", mount[firstEntry]).AssertSuccess("reading an album entry");
        var firstLink = Path.Combine(Library, "cache", firstEntry);
        Assert.True(Tools.WaitUntil(() => File.Exists(firstLink), TimeSpan.FromSeconds(60)), $"no link {firstEntry} in the cache");
        Assert.Equal(firstTarget, new FileInfo(firstLink).LinkTarget);
        Assert.All(Directory.EnumerateFiles(cacheAlbums, "*", SearchOption.AllDirectories), link => Assert.True(File.Exists(link), $"dangling: {link}"));

        // Everything read (as a backup of the mount does): the cache has every album entry, and a
        // backup of the cache alone has the albums with the same bytes as the mount.
        using var backup = new TempFolder();
        Tools.Run("rsync", "-a", mount.Path + "/photos/", backup.Path + "/from-mount/").AssertSuccess("rsync of the mount");
        Assert.True(Tools.WaitUntil(() => albumEntries.All(e => File.Exists(Path.Combine(Library, "cache", e.Relative))), TimeSpan.FromSeconds(60)), "not every album entry is linked in the cache");
        Tools.Run("rsync", "-a", Path.Combine(Library, "cache") + "/", backup.Path + "/from-cache/").AssertSuccess("rsync of the cache");
        foreach (var (relative, target) in albumEntries)
        {
            var copied = Path.Combine(backup.Path, "from-cache", relative);
            Assert.Equal(target, new FileInfo(copied).LinkTarget);
            Assert.True(File.ReadAllBytes(mount[relative]).AsSpan().SequenceEqual(File.ReadAllBytes(copied)), relative);
        }

        // A stale link (an entry that left its album) goes; a user's own file there stays.
        var stale = Path.Combine(cacheAlbums, Path.GetFileName(Path.GetDirectoryName(firstLink)!), "left-the-album.jpg");
        File.CreateSymbolicLink(stale, firstTarget!);
        var usersFile = Path.Combine(cacheAlbums, "notes.txt");
        File.WriteAllText(usersFile, "mine");
        Tools.Run("cat", mount[albumEntries[^1].Relative]).AssertSuccess("another read");
        Tools.RunGphotosfs("prefetch", "--library", Library).AssertSuccess("prefetch");
        Assert.False(File.Exists(stale) || new FileInfo(stale).LinkTarget is not null, "the stale link is still there");
        Assert.Equal("mine", File.ReadAllText(usersFile));
    }

    [Fact]
    public void A_cache_folder_set_in_the_config_receives_the_downloads_and_status_counts_them()
    {
        HttpDemo.Create(Library, _origin);
        using var elsewhere = new TempFolder();
        var cache = Path.Combine(elsewhere.Path, "photos-cache");
        var env = new Dictionary<string, string?> { ["GPHOTOSFS_CONFIG_DIR"] = Path.Combine(elsewhere.Path, "config") };
        Tools.RunGphotosfsWith(env, "init", "--library", Library, "--cache-folder", cache).AssertSuccess("gphotosfs init");

        Tools.RunGphotosfsWith(env, "prefetch", "--library", Library).AssertSuccess("gphotosfs prefetch");

        var items = HttpDemo.Items(Library);
        foreach (var (mountPath, original) in items)
        {
            Assert.True(File.ReadAllBytes(original).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(cache, mountPath))), mountPath);
        }

        Assert.False(Directory.Exists(Path.Combine(Library, "cache")));
        Assert.Empty(Directory.GetFiles(Path.Combine(elsewhere.Path, "photos-cache.partial"))); // beside the cache: renamed, not copied
        var status = Tools.RunGphotosfsWith(env, "status", "--json", "--library", Library).AssertSuccess("gphotosfs status");
        using var json = System.Text.Json.JsonDocument.Parse(status.Stdout);
        Assert.Equal(cache, json.RootElement.GetProperty("cache").GetProperty("folder").GetString());
        Assert.Equal(items.Count, json.RootElement.GetProperty("cache").GetProperty("files_cached").GetInt64());
        Assert.Equal(items.Count, json.RootElement.GetProperty("sources")[0].GetProperty("items_cached").GetInt64());
    }

    [FuseFact]
    public void Cache_folders_are_0700_and_a_cache_folder_left_open_is_tightened()
    {
        HttpDemo.Create(Library, _origin);
        // Made by hand (or by an older version): the top open to all like /tmp, a subfolder 0755.
        var cache = Path.Combine(Library, "cache");
        Directory.CreateDirectory(Path.Combine(cache, "photos"));
        File.SetUnixFileMode(cache, (UnixFileMode)Convert.ToInt32("1777", 8));
        File.SetUnixFileMode(Path.Combine(cache, "photos"), (UnixFileMode)Convert.ToInt32("755", 8));
        var items = HttpDemo.Items(Library);
        using (var mount = new MountedLibrary(Library, FastRetries))
        {
            foreach (var (mountPath, _) in items.Take(3))
            {
                File.ReadAllBytes(mount[mountPath]);
            }

            Assert.True(Tools.WaitUntil(() => items.Take(3).All(i => File.Exists(Path.Combine(cache, i.MountPath))), TimeSpan.FromSeconds(30)), "the originals did not reach the cache");
        }

        var folders = Directory.GetDirectories(cache, "*", SearchOption.AllDirectories).Prepend(cache).ToList();
        Assert.True(folders.Count >= 4, string.Join(", ", folders)); // cache, photos, YYYY, MM at least
        Assert.All(folders, folder => Assert.Equal("700", Convert.ToString((int)File.GetUnixFileMode(folder), 8)));
    }
}
