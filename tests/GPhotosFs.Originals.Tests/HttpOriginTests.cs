using System.Security.Cryptography;
using GPhotosFs.TestOrigin;
using Microsoft.Extensions.Logging.Abstractions;

namespace GPhotosFs.Originals.Tests;

/// <summary>The HTTP origin client against the local stand-in for Google's download servers.</summary>
public sealed class HttpOriginTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Captured = new(2021, 3, 4, 5, 6, 7, TimeSpan.Zero);
    private readonly EngineHarness _h = new();
    private readonly HttpClient _http = new();
    private TestOriginServer _server = null!;

    public async Task InitializeAsync() => _server = await TestOriginServer.StartAsync(new OriginOptions { UrlLifetime = TimeSpan.FromHours(1) });

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _http.Dispose();
        _h.Dispose();
    }

    [Fact]
    public async Task A_download_resumed_after_its_url_expired_gets_a_fresh_url_from_the_source()
    {
        var blob = RandomNumberGenerator.GetBytes(6 << 20);
        var item = _h.Add("exp", blob, Captured, "application/octet-stream", "exp.bin");
        _server.AddBlob("exp", blob);
        var urls = new RefreshingUrls(_server);
        _server.Faults.BandwidthBytesPerSecond = 8 << 20;
        using var cache = NewCache(urls);

        // A reader takes the first MiB and goes away: the stream stops, the bytes stay.
        var buffer = new byte[blob.Length];
        using (var content = await cache.OpenAsync(item, CancellationToken.None))
        {
            await content.ReadAsync(0, buffer.AsMemory(0, 1 << 20), CancellationToken.None);
        }

        // Once the first stream has ended (not after a guessed sleep), the URLs expire: the rest must come by a fresh one.
        Assert.True(await WaitUntilAsync(() => _server.Counters.InProgress == 0, TimeSpan.FromSeconds(30)), "the first download never stopped streaming");
        _server.Faults.ExpireAllUrlsNow(); // an hour later, as Google's baseUrls do

        using (var content = await cache.OpenAsync(item, CancellationToken.None))
        {
            var filled = 0;
            while (filled < buffer.Length)
            {
                filled += await content.ReadAsync(filled, buffer.AsMemory(filled), CancellationToken.None);
            }
        }

        Assert.Equal(blob, buffer);
        Assert.True(urls.Refreshes >= 1, "no URL was refreshed");
        Assert.True(_server.Counters.CountFor(403) >= 1, "no request met an expired URL");
    }

    [Fact]
    public async Task A_daily_quota_answer_fails_fast_but_a_rate_limit_is_retried()
    {
        var origin = new HttpOrigin(_http, new RefreshingUrls(_server));
        _server.AddBlob("q", [1, 2, 3]);
        var key = new OriginalKey(1, "q", null, "photos/q.jpg");

        _server.Faults.InjectNext(OriginFaultKind.TooManyRequests);
        var throttled = await Assert.ThrowsAsync<OriginException>(() => origin.OpenRangeAsync(key, 0, null, CancellationToken.None));
        Assert.Equal(OriginFailureKind.Throttled, throttled.Kind);
        Assert.Equal(TimeSpan.FromSeconds(1), throttled.RetryAfter);

        _server.Faults.InjectNext(OriginFaultKind.QuotaExceeded);
        var quota = await Assert.ThrowsAsync<OriginException>(() => origin.OpenRangeAsync(key, 0, null, CancellationToken.None));
        Assert.Equal(OriginFailureKind.QuotaExhausted, quota.Kind);
        Assert.DoesNotContain("http", quota.Message, StringComparison.OrdinalIgnoreCase);

        _server.Faults.InjectNext(OriginFaultKind.ServiceUnavailable);
        var unavailable = await Assert.ThrowsAsync<OriginException>(() => origin.OpenRangeAsync(key, 0, null, CancellationToken.None));
        Assert.Equal(OriginFailureKind.Transient, unavailable.Kind);
    }

    [Fact]
    public async Task Ranges_are_honoured_and_an_unsatisfiable_one_is_permanent()
    {
        var origin = new HttpOrigin(_http, new RefreshingUrls(_server));
        var blob = RandomNumberGenerator.GetBytes(1000);
        _server.AddBlob("r", blob);
        var key = new OriginalKey(1, "r", null, "photos/r.bin");

        await using (var response = await origin.OpenRangeAsync(key, 100, 50, CancellationToken.None))
        {
            Assert.Equal(100, response.Offset);
            Assert.Equal(1000, response.TotalLength);
            var body = new MemoryStream();
            await response.Body.CopyToAsync(body);
            Assert.Equal(blob[100..150], body.ToArray());
        }

        var ex = await Assert.ThrowsAsync<OriginException>(() => origin.OpenRangeAsync(key, 5000, null, CancellationToken.None));
        Assert.Equal(OriginFailureKind.Permanent, ex.Kind);
    }

    [Fact]
    public async Task A_url_still_refused_after_a_refresh_is_reported_without_the_url()
    {
        var origin = new HttpOrigin(_http, new FixedUrl(new Uri(_server.BaseUri, "media/gone?exp=1&sig=bad")));
        var ex = await Assert.ThrowsAsync<OriginException>(() => origin.OpenRangeAsync(new OriginalKey(1, "gone", null, "photos/gone.jpg"), 0, null, CancellationToken.None));

        Assert.Equal(OriginFailureKind.Expired, ex.Kind);
        Assert.Contains("photos/gone.jpg", ex.Message);
        Assert.DoesNotContain("sig=", ex.Message);
    }

    private CachedOriginals NewCache(IDownloadUrlProvider urls)
    {
        var options = EngineHarness.FastOptions;
        return new CachedOriginals(_h.CacheFolder, _h.PartialFolder, new HttpOrigin(_http, urls), new OriginResilience(options), options, NullLogger.Instance);
    }

    /// <summary>Hands out the origin's signed URLs, caching each until asked to refresh (as batchGet refreshes work).</summary>
    private sealed class RefreshingUrls(TestOriginServer server) : IDownloadUrlProvider
    {
        private readonly Dictionary<string, Uri> _cached = [];

        public int Refreshes;

        public ValueTask<DownloadUrl> GetUrlAsync(OriginalKey key, bool refresh, CancellationToken cancellationToken)
        {
            lock (_cached)
            {
                if (refresh)
                {
                    Refreshes++;
                }

                if (refresh || !_cached.TryGetValue(key.SourceItemId, out var url))
                {
                    _cached[key.SourceItemId] = url = server.UrlFor(key.SourceItemId);
                }

                return ValueTask.FromResult(new DownloadUrl(url));
            }
        }
    }

    private sealed class FixedUrl(Uri uri) : IDownloadUrlProvider
    {
        public ValueTask<DownloadUrl> GetUrlAsync(OriginalKey key, bool refresh, CancellationToken cancellationToken) => ValueTask.FromResult(new DownloadUrl(uri));
    }

    private static async Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(20);
        }

        return true;
    }
}
