using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using GPhotosFs.Catalog.Health;
using GPhotosFs.Vfs.Content;
using Microsoft.Extensions.Logging.Abstractions;

namespace GPhotosFs.Originals.Tests;

/// <summary>
/// Issue 11: the cache is the backup. Eviction deletes exactly enough; a cache on a small
/// filesystem of its own (a real tmpfs) never holds a truncated, empty or temp file and recovers
/// from a full disk by itself; a dead origin fails fast and says so; a kill loses little.
/// </summary>
public sealed class CacheIntegrityTests : IDisposable
{
    private static readonly DateTimeOffset Captured = new(2019, 7, 14, 18, 30, 0, TimeSpan.Zero);
    private readonly EngineHarness _h = new();
    private readonly List<string> _mounts = [];

    [Fact]
    public async Task Eviction_deletes_exactly_enough_least_recently_used_first_and_records_it()
    {
        var blobs = Enumerable.Range(0, 5).Select(_ => RandomNumberGenerator.GetBytes(300_000)).ToList();
        var items = blobs.Select((b, i) => _h.Add($"old{i}", b, Captured.AddDays(i), "application/octet-stream", $"old{i}.bin")).ToList();
        using (var unlimited = _h.NewCache())
        {
            foreach (var item in items)
            {
                await unlimited.PrefetchAsync(item, CancellationToken.None);
            }
        }

        // Last used: old0 longest ago, old4 most recently.
        for (var i = 0; i < items.Count; i++)
        {
            File.SetLastAccessTimeUtc(Path.Combine(_h.CacheFolder, items[i].DirPath!, items[i].Name!), new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(i));
        }

        // Room for the newest three and the new one: exactly old0 and old1 must go.
        var fresh = _h.Add("new", RandomNumberGenerator.GetBytes(300_000), Captured.AddDays(10), "application/octet-stream", "new.bin");
        using var limited = _h.NewCache(EngineHarness.FastOptions with { CacheMaxBytes = 4 * 300_000 });
        await limited.PrefetchAsync(fresh, CancellationToken.None);

        bool Cached(GPhotosFs.Catalog.ItemRecord i) => File.Exists(Path.Combine(_h.CacheFolder, i.DirPath!, i.Name!));
        Assert.True(SpinWait.SpinUntil(() => !Cached(items[0]) && !Cached(items[1]), TimeSpan.FromSeconds(30)), "the two least recently used originals were not evicted");
        Assert.True(SpinWait.SpinUntil(() => _h.CacheHealth.Read().EvictedFiles == 2, TimeSpan.FromSeconds(30)), $"eviction recorded {_h.CacheHealth.Read().EvictedFiles} files");
        Assert.All(items.Skip(2).Append(fresh), i => Assert.True(Cached(i), $"{i.Name} was evicted although the cache fitted without it"));
        Assert.Equal(2L * 300_000, _h.CacheHealth.Read().EvictedBytes);
    }

    [Fact]
    public async Task A_cache_on_its_own_full_filesystem_holds_no_truncated_or_temp_file_reports_the_full_disk_and_recovers()
    {
        var cacheFs = MountTmpfs("cache", "1M");
        var first = _h.Add("first", RandomNumberGenerator.GetBytes(600_000), Captured, "application/octet-stream", "first.bin");
        var second = _h.Add("second", RandomNumberGenerator.GetBytes(600_000), Captured.AddDays(1), "application/octet-stream", "second.bin");
        using var cache = _h.NewCache(cacheFolder: cacheFs);

        // Partials live on the cache's filesystem, so a commit is a rename there.
        Assert.StartsWith(cacheFs + "/", cache.PartialFolder + "/", StringComparison.Ordinal);
        Assert.Equal(_h.Origin.Blob("first"), await ReadAllAsync(cache, first));
        await cache.PrefetchAsync(first, CancellationToken.None);

        // 600 KB more does not fit in the 1 MiB filesystem.
        var ex = await Assert.ThrowsAnyAsync<Exception>(async () => await ReadAllAsync(cache, second));
        Assert.Contains("no space left on the disk holding the cache", ex.Message);
        AssertOnlyCompleteOriginals(cacheFs, (first, _h.Origin.Blob("first")));
        Assert.Contains("free space", _h.CacheHealth.Read().DiskFull);

        // Space freed: the next read succeeds without any restart, and the record clears.
        File.Delete(cache.CachePathOf(first));
        Assert.Equal(_h.Origin.Blob("second"), await ReadAllAsync(cache, second));
        await cache.PrefetchAsync(second, CancellationToken.None);
        AssertOnlyCompleteOriginals(cacheFs, (second, _h.Origin.Blob("second")));
        Assert.True(SpinWait.SpinUntil(() => _h.CacheHealth.Read().DiskFull is null, TimeSpan.FromSeconds(10)), "the full disk is still reported");
    }

    [Fact]
    public async Task Partials_left_by_an_earlier_run_are_reclaimed_when_the_cache_disk_fills()
    {
        var cacheFs = MountTmpfs("cache", "1M");
        var abandoned = _h.Add("abandoned", RandomNumberGenerator.GetBytes(900_000), Captured, "application/octet-stream", "abandoned.bin");
        var wanted = _h.Add("wanted", RandomNumberGenerator.GetBytes(700_000), Captured.AddDays(1), "application/octet-stream", "wanted.bin");
        using (var earlier = _h.NewCache(EngineHarness.FastOptions with { InitialWindowBytes = 128 * 1024, MaxWindowBytes = 128 * 1024 }, cacheFolder: cacheFs))
        using (var content = await earlier.OpenAsync(abandoned, CancellationToken.None))
        {
            // A reader and the read-ahead fill most of the disk (never the whole file), then the run ends.
            var buffer = new byte[500_000];
            await ReadFullyAsync(content, 0, buffer);
        }

        using var cache = _h.NewCache(cacheFolder: cacheFs);
        Assert.Equal(_h.Origin.Blob("wanted"), await ReadAllAsync(cache, wanted));
        await cache.PrefetchAsync(wanted, CancellationToken.None);
        AssertOnlyCompleteOriginals(cacheFs, (wanted, _h.Origin.Blob("wanted")));
        Assert.Null(_h.CacheHealth.Read().DiskFull);
    }

    [Fact]
    public async Task A_refused_connection_fails_the_read_after_a_few_attempts_and_marks_the_source_unavailable()
    {
        // A port nobody listens on: connect() is refused at once.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var counting = new CountingHandler(new SocketsHttpHandler());
        using var http = new HttpClient(counting);
        var origin = new HttpOrigin(http, new HttpFolderUrls(new Uri($"http://127.0.0.1:{port}/")));
        var health = new SourceHealthStore(Path.Combine(_h.Folder, "state"));
        var item = _h.Add("dead", RandomNumberGenerator.GetBytes(10_000), Captured, "application/octet-stream", "dead.bin");
        using var cache = _h.NewCache(EngineHarness.FastOptions with { StallDeadline = TimeSpan.FromMinutes(10) }, origin: origin,
            availability: new SourceAvailability(health, _h.SourceId, NullLogger.Instance));

        // The stall deadline is 10 minutes: only failing fast ends this read within the test's patience.
        var ex = await Assert.ThrowsAsync<ContentUnavailableException>(async () => await ReadAllAsync(cache, item).WaitAsync(TimeSpan.FromMinutes(2)));

        Assert.Contains("connection refused", ex.Message);
        Assert.InRange(counting.Requests, 1, 1 + EngineHarness.FastOptions.UnreachableRetries);
        Assert.StartsWith(SourceAvailability.Prefix, health.Read(_h.SourceId).Unavailable);
    }

    [Fact]
    public async Task After_a_kill_at_most_the_checkpoint_interval_is_downloaded_twice()
    {
        const int Total = 40 << 20;
        var options = EngineHarness.FastOptions with { CheckpointBytes = new OriginalsOptions().CheckpointBytes };
        var item = _h.Add("big", RandomNumberGenerator.GetBytes(Total), Captured, "application/octet-stream", "big.bin");
        var killedState = Path.Combine(_h.Folder, "partial-at-kill");
        long heldAtKill;
        using (var cache = _h.NewCache(options))
        {
            using var content = await cache.OpenAsync(item, CancellationToken.None);
            await ReadFullyAsync(content, 0, new byte[20 << 20]);
            // The stream pauses a window ahead of the reader: take the files as a kill -9 leaves them
            // (cp takes no lock; the engine is never stopped, so nothing is checkpointed on the way
            // out), at a moment the stream stood still throughout the copy.
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (true)
            {
                heldAtKill = _h.Origin.BytesServedFor("big");
                if (Directory.Exists(killedState))
                {
                    Directory.Delete(killedState, recursive: true);
                }

                Directory.CreateDirectory(killedState);
                Run("cp", "-a", _h.PartialFolder + "/.", killedState);
                if (_h.Origin.BytesServedFor("big") == heldAtKill || DateTime.UtcNow > deadline)
                {
                    break;
                }
            }
        }

        Assert.InRange(heldAtKill, 20L << 20, 30L << 20);
        var before = _h.Origin.BytesServedFor("big");
        using (var restarted = _h.NewCache(options, cacheFolder: Path.Combine(_h.Folder, "cache2"), partialFolder: killedState))
        {
            var bytes = await ReadAllAsync(restarted, item);
            Assert.True(bytes.AsSpan().SequenceEqual(_h.Origin.Blob("big")));
        }

        var fetchedAgain = _h.Origin.BytesServedFor("big") - before - (Total - heldAtKill);
        Assert.InRange(fetchedAgain, 0, (2 * options.CheckpointBytes) + (1 << 20));
    }

    public void Dispose()
    {
        foreach (var mount in _mounts)
        {
            Run("umount", "-l", mount);
        }

        _h.Dispose();
    }

    private string MountTmpfs(string name, string size)
    {
        var path = Path.Combine(_h.Folder, name);
        Directory.CreateDirectory(path);
        Run("mount", "-t", "tmpfs", "-o", $"size={size}", "tmpfs", path);
        _mounts.Add(path);
        return path;
    }

    /// <summary>Every regular file in the cache tree (outside the hidden partial area) is one of <paramref name="expected"/>, complete.</summary>
    private static void AssertOnlyCompleteOriginals(string cacheFolder, params (GPhotosFs.Catalog.ItemRecord Item, byte[] Bytes)[] expected)
    {
        var files = Directory.EnumerateFiles(cacheFolder, "*", SearchOption.AllDirectories)
            .Where(f => !CacheTree.IsInHiddenArea(cacheFolder, f))
            .ToList();
        Assert.Equal(expected.Select(e => Path.Combine(cacheFolder, e.Item.DirPath!, e.Item.Name!)).Order(), files.Order());
        foreach (var (item, bytes) in expected)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(cacheFolder, item.DirPath!, item.Name!)).AsSpan().SequenceEqual(bytes), item.Name);
        }
    }

    private static async Task<byte[]> ReadAllAsync(CachedOriginals cache, GPhotosFs.Catalog.ItemRecord item)
    {
        using var content = await cache.OpenAsync(item, CancellationToken.None);
        var buffer = new byte[content.Length];
        await ReadFullyAsync(content, 0, buffer);
        return buffer;
    }

    private static async Task ReadFullyAsync(IItemContent content, long offset, byte[] buffer)
    {
        var done = 0;
        while (done < buffer.Length)
        {
            var n = await content.ReadAsync(offset + done, buffer.AsMemory(done), CancellationToken.None);
            if (n == 0)
            {
                break;
            }

            done += n;
        }
    }

    private static void Run(string file, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', args)}: {error}");
    }

    private sealed class CountingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        public int Requests;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Requests);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
