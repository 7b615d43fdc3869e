using System.Security.Cryptography;
using GPhotosFs.Tests.Shared.Time;
using GPhotosFs.Vfs.Content;

namespace GPhotosFs.Originals.Tests;

public sealed class EngineTests : IDisposable
{
    private static readonly DateTimeOffset Captured = new(2019, 7, 14, 18, 30, 0, TimeSpan.Zero);
    private readonly EngineHarness _h = new();

    [Fact]
    public async Task A_first_read_downloads_and_commits_a_verified_original_into_the_cache_tree()
    {
        var item = _h.AddPhoto("a", 1200, 900, Captured);
        using var cache = _h.NewCache();

        var bytes = await ReadAllAsync(cache, item);

        Assert.Equal(_original("a"), bytes);
        // The reader has its bytes once they are verified; the commit (fsync, rename) follows.
        var cached = await cache.PrefetchAsync(item, CancellationToken.None);
        Assert.Equal(Path.Combine(_h.CacheFolder, "photos/2019/07", item.Name!), cached);
        Assert.Equal(bytes, File.ReadAllBytes(cached));
        Assert.Equal(Captured.UtcDateTime, File.GetLastWriteTimeUtc(cached));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(cached));
        Assert.Empty(Directory.GetFiles(_h.PartialFolder));
        // Facts, with the content hash, are recorded off the reader's path, just after the commit.
        Assert.True(SpinWait.SpinUntil(() => _h.Facts.Recorded.ContainsKey(item.Id), TimeSpan.FromSeconds(10)), "no facts recorded");
        var facts = _h.Facts.Recorded[item.Id];
        Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes)), facts.ContentHash);
        Assert.Equal("Canon", facts.CameraMake);
        Assert.Equal(Captured, facts.CaptureTime);

        // Once cached, the origin is not asked again.
        var before = _h.Origin.Requests.Count;
        using var again = _h.NewCache();
        Assert.Equal(bytes, await ReadAllAsync(again, item));
        Assert.Equal(before, _h.Origin.Requests.Count);
    }

    [Fact]
    public async Task The_content_hash_is_computed_only_once_the_last_reader_has_closed_the_file()
    {
        var item = _h.AddPhoto("tail", 1600, 1200, Captured);
        using var cache = _h.NewCache();
        var content = await cache.OpenAsync(item, CancellationToken.None);
        var buffer = new byte[content.Length];
        await ReadFullyAsync(content, 0, buffer);
        await cache.PrefetchAsync(item, CancellationToken.None); // committed

        // Hashing now would share a core with a reader still streaming the file: it waits.
        await cache.FactsRecordedAsync();
        Assert.False(_h.Facts.Recorded.ContainsKey(item.Id), "facts were hashed while a reader still had the file open");

        content.Dispose();
        await cache.FactsRecordedAsync();
        Assert.True(_h.Facts.Recorded.ContainsKey(item.Id), "facts were not recorded after the reader closed the file");
        Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(buffer)), _h.Facts.Recorded[item.Id].ContentHash);
    }

    [Fact]
    public async Task Concurrent_readers_of_one_item_share_one_download_and_get_correct_bytes()
    {
        var item = _h.AddPhoto("shared", 2400, 1800, Captured);
        _h.Origin.Latency = TimeSpan.FromMilliseconds(20);
        using var cache = _h.NewCache();
        var expected = _original("shared");

        var readers = Enumerable.Range(0, 12).Select(async i =>
        {
            using var content = await cache.OpenAsync(item, CancellationToken.None);
            var random = new Random(i);
            for (var r = 0; r < 20; r++)
            {
                var offset = random.Next(expected.Length - 1);
                var buffer = new byte[Math.Min(random.Next(1, 100_000), expected.Length - offset)];
                var n = await ReadFullyAsync(content, offset, buffer);
                Assert.True(expected.AsSpan(offset, n).SequenceEqual(buffer.AsSpan(0, n)));
            }
        });
        await Task.WhenAll(readers);

        // Every byte was asked for about once: shared windows, no per-reader downloads.
        var requested = _h.Origin.Requests.Sum(r => r.Length ?? expected.Length - r.Offset);
        Assert.True(requested <= expected.Length * 2, $"requested {requested} bytes for a {expected.Length}-byte original");
    }

    [Fact]
    public async Task A_read_far_ahead_fetches_its_own_range_instead_of_waiting()
    {
        var blob = RandomNumberGenerator.GetBytes(8 << 20);
        var item = _h.Add("far", blob, Captured, "application/octet-stream", "far.bin");
        using var cache = _h.NewCache();
        using var content = await cache.OpenAsync(item, CancellationToken.None);

        var buffer = new byte[4096];
        await ReadFullyAsync(content, 0, buffer);
        await ReadFullyAsync(content, 6 << 20, buffer);

        Assert.Equal(blob.AsSpan(6 << 20, 4096).ToArray(), buffer);
        Assert.Contains(_h.Origin.Requests, r => r.Offset == 6 << 20);
    }

    [Fact]
    public async Task With_many_faults_every_byte_still_arrives_correctly()
    {
        _h.Origin.FaultRate = 0.3;
        _h.Origin.BodyChunk = 16 * 1024;
        var items = Enumerable.Range(0, 12).Select(i => _h.AddPhoto($"f{i}", 1600, 1200, Captured.AddDays(i))).ToList();
        using var cache = _h.NewCache();

        foreach (var item in items)
        {
            Assert.Equal(_original(item.SourceItemId), await ReadAllAsync(cache, item));
        }

        Assert.True(_h.Origin.InjectedFaults >= 3, $"only {_h.Origin.InjectedFaults} faults were injected in {_h.Origin.Requests.Count} requests, rate {_h.Origin.FaultRate}");
    }

    [Fact]
    public async Task A_throttled_request_waits_at_least_the_floor()
    {
        var item = _h.AddPhoto("slow", 64, 64, Captured);
        _h.Origin.FailNext(FaultyOrigin.Fault.Throttled);
        var floor = EngineHarness.FastOptions.ThrottleFloor;
        var clock = new ObservedClock();
        using var cache = _h.NewCache(time: clock);

        var read = ReadAllAsync(cache, item);

        // The 429 came back and the retry is waiting on the clock, which only this test moves.
        Assert.True(await clock.WaitForWaitAsync(due => due > TimeSpan.Zero, TimeSpan.FromSeconds(30)), "no retry was scheduled after the 429");
        Assert.All(clock.WaitsStarted, due => Assert.True(due >= floor, $"a retry waits {due}, the floor is {floor}"));
        clock.Advance(floor - TimeSpan.FromTicks(1));
        Assert.False(read.IsCompleted);
        Assert.Single(_h.Origin.Requests);
        clock.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(_original("slow"), await read.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(2, _h.Origin.Requests.Count);
    }

    [Fact]
    public async Task An_exhausted_quota_fails_reads_fast_with_a_clear_reason_and_no_more_requests()
    {
        var a = _h.AddPhoto("q1", 64, 64, Captured);
        var b = _h.AddPhoto("q2", 64, 64, Captured);
        _h.Origin.FailNext(FaultyOrigin.Fault.Quota);
        using var cache = _h.NewCache();

        var first = await Assert.ThrowsAsync<ContentUnavailableException>(() => ReadAllAsync(cache, a));
        Assert.Contains("quota", first.Message);
        var requests = _h.Origin.Requests.Count;

        var second = await Assert.ThrowsAsync<ContentUnavailableException>(() => ReadAllAsync(cache, b));
        Assert.Contains("quota", second.Message);
        Assert.Equal(requests, _h.Origin.Requests.Count);
        Assert.NotNull(cache.Resilience.QuotaExhaustedUntil);
    }

    [Fact]
    public async Task A_stalled_source_fails_the_read_after_the_deadline_naming_the_item()
    {
        var item = _h.AddPhoto("stalled", 64, 64, Captured);
        _h.Origin.Gate = new TaskCompletionSource();
        var options = EngineHarness.FastOptions with { StallDeadline = TimeSpan.FromMilliseconds(500), RequestTimeout = TimeSpan.FromSeconds(30) };
        using var cache = _h.NewCache(options);

        var ex = await Assert.ThrowsAsync<ContentUnavailableException>(() => ReadAllAsync(cache, item));

        Assert.Contains("photos/2019/07/stalled.jpg", ex.Message);
        _h.Origin.Gate.SetResult();
    }

    [Fact]
    public async Task An_original_that_fails_verification_is_not_committed_and_its_end_is_never_served()
    {
        var jpeg = _h.AddPhoto("ok", 64, 64, Captured);
        var garbled = _original("ok").ToArray();
        garbled[^1] = 0; // no end-of-image marker
        var item = _h.Add("garbled", garbled, Captured, "image/jpeg", "garbled.jpg");
        using var cache = _h.NewCache();

        var ex = await Assert.ThrowsAsync<ContentUnavailableException>(() => ReadAllAsync(cache, item));

        Assert.Contains("verification", ex.Message);
        Assert.False(File.Exists(Path.Combine(_h.CacheFolder, item.DirPath!, item.Name!)));
        Assert.Empty(Directory.GetFiles(_h.PartialFolder));
        Assert.Equal(_original("ok"), await ReadAllAsync(cache, jpeg));
    }

    [Fact]
    public async Task A_stopped_download_resumes_with_only_the_missing_ranges()
    {
        var blob = RandomNumberGenerator.GetBytes(4 << 20);
        var item = _h.Add("resume", blob, Captured, "application/octet-stream", "resume.bin");
        using (var first = _h.NewCache())
        {
            using var content = await first.OpenAsync(item, CancellationToken.None);
            await ReadFullyAsync(content, 0, new byte[1 << 20]);
            first.Dispose(); // what a clean shutdown does; a crash keeps the last checkpoint instead
        }

        var held = ByteRangeSet.Parse(File.ReadAllLines(Path.Combine(_h.PartialFolder, $"{item.Id}.ranges"))[3]);
        Assert.True(held.Contains(0, 1 << 20));
        _h.Origin.Requests.Clear();

        using var second = _h.NewCache();
        Assert.Equal(blob, await ReadAllAsync(second, item));
        Assert.All(_h.Origin.Requests, r => Assert.True(r.Offset >= held.ContiguousEnd(0), $"re-fetched from {r.Offset}"));
    }

    [Fact]
    public async Task A_torn_or_foreign_range_record_is_ignored_and_the_download_starts_over()
    {
        var blob = RandomNumberGenerator.GetBytes(1 << 20);
        var item = _h.Add("torn", blob, Captured, "application/octet-stream", "torn.bin");
        Directory.CreateDirectory(_h.PartialFolder);
        File.WriteAllBytes(Path.Combine(_h.PartialFolder, $"{item.Id}.part"), new byte[blob.Length]); // zeros, not the original
        File.WriteAllText(Path.Combine(_h.PartialFolder, $"{item.Id}.ranges"), "gphotosfs-partial 1\nsomething/else/1\n1048576\n0-1048576\n");

        using var cache = _h.NewCache();
        Assert.Equal(blob, await ReadAllAsync(cache, item));
    }

    [Fact]
    public async Task Two_engines_never_write_the_same_partial()
    {
        var blob = RandomNumberGenerator.GetBytes(2 << 20);
        var item = _h.Add("locked", blob, Captured, "application/octet-stream", "locked.bin");
        _h.Origin.Gate = new TaskCompletionSource();
        using var first = _h.NewCache();
        using var open = await first.OpenAsync(item, CancellationToken.None);

        // The second engine (another process: a prefetch beside the daemon) waits for the first's
        // download instead of failing or writing the same partial, then serves the committed file.
        using var second = _h.NewCache();
        var waiting = second.OpenAsync(item, CancellationToken.None).AsTask();
        _h.Origin.Gate.SetResult();
        var buffer = new byte[blob.Length];
        await ReadFullyAsync(open, 0, buffer);
        Assert.Equal(blob, buffer);

        using var fromSecond = await waiting.WaitAsync(TimeSpan.FromSeconds(60));
        var again = new byte[blob.Length];
        await ReadFullyAsync(fromSecond, 0, again);
        Assert.Equal(blob, again);
        Assert.Single(_h.Origin.Requests, r => r.Id == "locked");
    }

    [Fact]
    public async Task A_cache_limit_evicts_least_recently_used_originals_but_never_an_open_one()
    {
        var items = Enumerable.Range(0, 6).Select(i => _h.AddPhoto($"e{i}", 800, 600, Captured.AddDays(i))).ToList();
        var limit = items.Take(2).Sum(i => i.Size!.Value) + 1;
        using var cache = _h.NewCache(EngineHarness.FastOptions with { CacheMaxBytes = limit });
        Assert.Equal(_original("e0"), await ReadAllAsync(cache, items[0]));
        using var held = await cache.OpenAsync(items[0], CancellationToken.None); // the cached file, kept open

        foreach (var item in items.Skip(1))
        {
            Assert.Equal(_original(item.SourceItemId), await ReadAllAsync(cache, item));
            await cache.PrefetchAsync(item, CancellationToken.None); // committed, so the limit applies to it
        }

        long CacheBytes() => new DirectoryInfo(_h.CacheFolder).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
        Assert.True(SpinWait.SpinUntil(() => CacheBytes() <= limit + items[0].Size!.Value, TimeSpan.FromSeconds(10)), $"cache holds {CacheBytes()} bytes, limit {limit}");
        Assert.True(File.Exists(cache.CachePathOf(items[0])), "an open original was evicted");

        // An evicted original is simply downloaded again.
        var evicted = items.Skip(1).First(i => !File.Exists(cache.CachePathOf(i)));
        Assert.Equal(_original(evicted.SourceItemId), await ReadAllAsync(cache, evicted));
    }

    [Fact]
    public async Task Opening_an_original_while_it_is_being_committed_never_fails()
    {
        var items = Enumerable.Range(0, 20).Select(i => _h.AddPhoto($"c{i}", 640, 480, Captured.AddHours(i))).ToList();
        using var cache = _h.NewCache();

        foreach (var item in items)
        {
            // A client opening the file (as rsync does) while a prefetch commits it.
            var prefetch = cache.PrefetchAsync(item, CancellationToken.None);
            var opener = Task.Run(async () =>
            {
                while (!prefetch.IsCompleted)
                {
                    using var content = await cache.OpenAsync(item, CancellationToken.None);
                }
            });
            await prefetch;
            await opener;
            Assert.Equal(_original(item.SourceItemId), await ReadAllAsync(cache, item));
        }
    }

    [Fact]
    public async Task A_sequential_reader_costs_one_request_per_original()
    {
        var blob = RandomNumberGenerator.GetBytes(12 << 20);
        var item = _h.Add("seq", blob, Captured, "application/octet-stream", "seq.bin");
        using var cache = _h.NewCache();
        using var content = await cache.OpenAsync(item, CancellationToken.None);

        var buffer = new byte[128 * 1024];
        for (long at = 0; at < blob.Length; at += buffer.Length)
        {
            var n = await ReadFullyAsync(content, at, buffer);
            Assert.True(blob.AsSpan((int)at, n).SequenceEqual(buffer.AsSpan(0, n)));
        }

        Assert.Single(_h.Origin.Requests);
    }

    [Fact]
    public async Task A_paused_reader_holds_the_stream_within_its_window()
    {
        var blob = RandomNumberGenerator.GetBytes(32 << 20);
        var item = _h.Add("pause", blob, Captured, "application/octet-stream", "pause.bin");
        using var cache = _h.NewCache();
        using var content = await cache.OpenAsync(item, CancellationToken.None);

        await ReadFullyAsync(content, 0, new byte[64 * 1024]);
        await Task.Delay(500);

        var options = EngineHarness.FastOptions;
        Assert.True(_h.Origin.BytesServed <= 64 * 1024 + (2L * options.InitialWindowBytes) + (2 * 256 * 1024), $"{_h.Origin.BytesServed} bytes fetched for a 64 KiB read");
        Assert.Single(_h.Origin.Requests);
    }

    public void Dispose() => _h.Dispose();

    private byte[] _original(string id)
    {
        var field = typeof(FaultyOrigin).GetField("_blobs", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;
        return ((System.Collections.Concurrent.ConcurrentDictionary<string, byte[]>)field.GetValue(_h.Origin)!)[id];
    }

    private static async Task<byte[]> ReadAllAsync(CachedOriginals cache, GPhotosFs.Catalog.ItemRecord item)
    {
        using var content = await cache.OpenAsync(item, CancellationToken.None);
        var buffer = new byte[content.Length];
        await ReadFullyAsync(content, 0, buffer);
        return buffer;
    }

    private static async Task<int> ReadFullyAsync(IItemContent content, long offset, byte[] buffer)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var n = await content.ReadAsync(offset + filled, buffer.AsMemory(filled), CancellationToken.None);
            if (n == 0)
            {
                break;
            }

            filled += n;
        }

        return filled;
    }
}
