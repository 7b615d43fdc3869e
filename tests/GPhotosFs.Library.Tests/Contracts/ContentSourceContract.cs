using GPhotosFs.Catalog;
using GPhotosFs.Originals;
using GPhotosFs.Vfs.Content;

namespace GPhotosFs.Library.Tests.Contracts;

/// <summary>
/// What every content source must do, whatever its kind (rclone's vfstest in spirit: one suite, run
/// against each). A source's test class derives from this and says only how to build its library.
/// Every check reads through the real registry and engine, so a new kind gets the whole suite.
/// </summary>
public abstract class ContentSourceContract<TFixture> : IAsyncLifetime
    where TFixture : ContentFixture, new()
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    protected TFixture Fixture { get; } = new();

    protected IReadOnlyDictionary<string, byte[]> Originals { get; private set; } = new Dictionary<string, byte[]>();

    public async Task InitializeAsync() => Originals = await Fixture.CreateAsync();

    public async Task DisposeAsync() => await Fixture.DisposeAsync();

    [Fact]
    public async Task Every_item_has_its_exact_length_and_bytes()
    {
        using var content = Fixture.OpenContent();
        var items = Fixture.Items();
        Assert.NotEmpty(items);
        foreach (var item in items)
        {
            using var opened = await content.Sources.For(item).OpenAsync(item, Timeout());
            Assert.Equal(Expected(item).Length, opened.Length);
            Assert.Equal(Expected(item), await ReadAllAsync(opened, chunk: 7919));
        }
    }

    [Fact]
    public async Task Reads_at_and_past_the_end_return_what_is_there()
    {
        using var content = Fixture.OpenContent();
        foreach (var item in Fixture.Items())
        {
            var expected = Expected(item);
            using var opened = await content.Sources.For(item).OpenAsync(item, Timeout());
            var buffer = new byte[64];
            var last = await opened.ReadAsync(expected.Length - 1, buffer, Timeout());
            Assert.Equal(1, last);
            Assert.Equal(expected[^1], buffer[0]);
            Assert.Equal(0, await opened.ReadAsync(expected.Length, buffer, Timeout()));
            Assert.Equal(0, await opened.ReadAsync(expected.Length + 4096, buffer, Timeout()));
        }
    }

    [Fact]
    public async Task Concurrent_readers_of_one_item_all_get_its_bytes()
    {
        using var content = Fixture.OpenContent();
        var item = Fixture.Items().MaxBy(i => Expected(i).Length)!;
        var readers = Enumerable.Range(0, 8).Select(async reader =>
        {
            await Task.Yield();
            using var opened = await content.Sources.For(item).OpenAsync(item, Timeout());
            return await ReadAllAsync(opened, chunk: 4096 + reader * 1000, backwards: reader % 2 == 1);
        });
        foreach (var bytes in await Task.WhenAll(readers))
        {
            Assert.Equal(Expected(item), bytes);
        }
    }

    [Fact]
    public async Task Concurrent_readers_of_many_items_each_get_their_own_bytes()
    {
        using var content = Fixture.OpenContent();
        var items = Fixture.Items();
        var reads = items.Concat(items).Select(async item =>
        {
            await Task.Yield();
            using var opened = await content.Sources.For(item).OpenAsync(item, Timeout());
            return (item, bytes: await ReadAllAsync(opened, chunk: 65536));
        });
        foreach (var (item, bytes) in await Task.WhenAll(reads))
        {
            Assert.Equal(Expected(item), bytes);
        }
    }

    [Fact]
    public async Task A_missing_original_raises_ContentUnavailableException()
    {
        var item = Fixture.Items()[0];
        Fixture.MakeMissing(item);
        using var content = Fixture.OpenContent();
        await Assert.ThrowsAsync<ContentUnavailableException>(async () =>
        {
            using var opened = await content.Sources.For(item).OpenAsync(item, Timeout());
            await ReadAllAsync(opened, chunk: 65536);
        });
    }

    [Fact]
    public async Task A_cancelled_read_leaves_the_item_readable()
    {
        using var content = Fixture.OpenContent();
        var item = Fixture.Items().MaxBy(i => Expected(i).Length)!;
        using (var cancelled = new CancellationTokenSource())
        {
            await cancelled.CancelAsync();
            try
            {
                using var opened = await content.Sources.For(item).OpenAsync(item, cancelled.Token);
                var buffer = new byte[4096];
                var n = await opened.ReadAsync(0, buffer, cancelled.Token);
                // A local read may complete without looking at the token; then its bytes must be right.
                Assert.Equal(Expected(item).AsSpan(0, n).ToArray(), buffer.AsSpan(0, n).ToArray());
            }
            catch (OperationCanceledException)
            {
                // the documented answer to a cancelled read
            }
        }

        using var again = await content.Sources.For(item).OpenAsync(item, Timeout());
        Assert.Equal(Expected(item), await ReadAllAsync(again, chunk: 65536));
    }

    [Fact]
    public async Task Repeated_prefetch_of_the_same_items_downloads_each_once_and_right()
    {
        using var content = Fixture.OpenContent();
        var items = Fixture.Items();
        foreach (var item in items)
        {
            if (content.Sources.For(item) is IPrefetchingContentSource prefetching)
            {
                prefetching.Prefetch(item);
                prefetching.Prefetch(item);
            }
        }

        var prefetches = new List<Task>();
        foreach (var item in items)
        {
            if (content.DownloadingSource(item.SourceId) is { } downloading && downloading.Downloads(item))
            {
                prefetches.Add(downloading.Cache.PrefetchAsync(item, Timeout()));
                prefetches.Add(downloading.Cache.PrefetchAsync(item, Timeout()));
            }
        }

        await Task.WhenAll(prefetches);
        foreach (var item in items)
        {
            if (content.DownloadingSource(item.SourceId) is { } downloading && downloading.Downloads(item))
            {
                Assert.Equal(Expected(item), await File.ReadAllBytesAsync(downloading.Cache.CachePathOf(item)));
            }

            using var opened = await content.Sources.For(item).OpenAsync(item, Timeout());
            Assert.Equal(Expected(item), await ReadAllAsync(opened, chunk: 65536));
        }
    }

    [Fact]
    public async Task Under_a_faulty_origin_every_read_returns_the_right_bytes_or_fails()
    {
        var origins = new List<FaultyOrigin>();
        using var content = Fixture.OpenContent(origin =>
        {
            var faulty = new FaultyOrigin(origin, FaultyOrigin.EveryFault, stall: TimeSpan.FromMilliseconds(200));
            lock (origins)
            {
                origins.Add(faulty);
            }

            return faulty;
        });
        var items = Fixture.Items();
        var downloaded = items.Where(i => content.DownloadingSource(i.SourceId)?.Downloads(i) == true).ToList();
        var succeeded = 0;
        foreach (var item in items.Concat(items))
        {
            byte[] bytes;
            try
            {
                using var opened = await content.Sources.For(item).OpenAsync(item, Timeout());
                bytes = await ReadAllAsync(opened, chunk: 3001);
            }
            catch (Exception ex) when (ex is ContentUnavailableException or IOException or OriginException)
            {
                continue; // failing is allowed; other bytes are not
            }

            Assert.Equal(Expected(item), bytes);
            succeeded++;
        }

        if (downloaded.Count > 0)
        {
            Assert.True(origins.Count > 0, "the source's downloads bypassed DownloadCaches: no fault can reach them");
            Assert.True(origins.Sum(o => o.Requests) == 0 || origins.Sum(o => o.Injected) > 0, "requests went out and none was spoiled");
        }

        Assert.True(succeeded > 0, "every read failed: the engine did not recover from any fault");
    }

    protected byte[] Expected(ItemRecord item) =>
        Originals.TryGetValue(item.FileName, out var bytes) ? bytes : throw new InvalidOperationException($"no original recorded for {item.FileName}");

    private static CancellationToken Timeout() => new CancellationTokenSource(Patience).Token;

    /// <summary>Reads the whole item in chunks of <paramref name="chunk"/> bytes, front to back or back to front.</summary>
    protected static async Task<byte[]> ReadAllAsync(IItemContent content, int chunk, bool backwards = false)
    {
        var bytes = new byte[content.Length];
        var starts = Enumerable.Range(0, (int)((content.Length + chunk - 1) / chunk)).Select(i => (long)i * chunk);
        foreach (var start in backwards ? starts.Reverse() : starts)
        {
            var end = Math.Min(content.Length, start + chunk);
            var at = start;
            while (at < end)
            {
                var n = await content.ReadAsync(at, bytes.AsMemory((int)at, (int)(end - at)), Timeout());
                Assert.True(n > 0, $"the item ended at {at} of {content.Length}");
                at += n;
            }
        }

        return bytes;
    }
}
