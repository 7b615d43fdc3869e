using System.Net;

namespace GPhotosFs.TestOrigin.Tests;

public sealed class CounterTests : OriginTest
{
    [Fact]
    public async Task Counters_record_requests_by_status_blob_fault_and_bytes()
    {
        Server.AddBlob("a", Bytes(1000));
        Server.AddBlob("b", Bytes(50));

        (await GetAsync(Server.UrlFor("a"))).Dispose();
        (await GetAsync(Server.UrlFor("a"), "bytes=100-199")).Dispose();
        (await GetAsync(Server.UrlFor("b"), "bytes=-10")).Dispose();
        (await GetAsync(Server.UrlFor("missing"))).Dispose();
        Server.Faults.InjectNext(OriginFaultKind.ServiceUnavailable);
        (await GetAsync(Server.UrlFor("b"))).Dispose();

        var counters = Server.Counters;
        Assert.Equal(5, counters.TotalRequests);
        Assert.Equal(2, counters.RangeRequests);
        Assert.Equal(1, counters.CountFor(200));
        Assert.Equal(2, counters.CountFor(206));
        Assert.Equal(1, counters.CountFor(404));
        Assert.Equal(1, counters.CountFor(503));
        Assert.Equal(2, counters.RequestsFor("a"));
        Assert.Equal(2, counters.RequestsFor("b"));
        Assert.Equal(1, counters.ByBlob["missing"]);
        Assert.Equal(1, counters.CountFor(OriginFaultKind.ServiceUnavailable));
        // Error bodies are bytes sent too; the blob bytes alone are 1000 + 100 + 10.
        var log = counters.Log;
        Assert.Equal(log.Sum(r => r.BytesSent), counters.BytesSent);
        Assert.Equal(1110, log.Where(r => r.Status is 200 or 206).Sum(r => r.BytesSent));

        Assert.Equal(["a", "a", "b", "missing", "b"], log.Select(r => r.Id));
        Assert.Equal([200, 206, 206, 404, 503], log.Select(r => r.Status));
        Assert.Equal(new ByteRange(100, 199), log[1].Range);
        Assert.Equal("bytes=100-199", log[1].RangeHeader);
        Assert.Equal(new ByteRange(40, 49), log[2].Range);
        Assert.Null(log[0].Range);
        Assert.True(log.Zip(log.Skip(1)).All(p => p.First.Sequence < p.Second.Sequence));
    }

    [Fact]
    public async Task Reset_starts_the_counters_from_zero()
    {
        Server.AddBlob("a", Bytes(1000));
        (await GetAsync(Server.UrlFor("a"))).Dispose();

        Server.Counters.Reset();
        (await GetAsync(Server.UrlFor("a"), "bytes=0-9")).Dispose();

        Assert.Equal(1, Server.Counters.TotalRequests);
        Assert.Equal(10, Server.Counters.BytesSent);
        Assert.Equal(0, Server.Counters.CountFor(200));
        Assert.Single(Server.Counters.Log);
    }

    [Fact]
    public async Task Concurrent_requests_are_all_answered_and_all_counted()
    {
        var blob = Bytes(256 << 10);
        Server.AddBlob("a", blob);

        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(async i =>
        {
            var first = i * 1000;
            using var response = await GetAsync(Server.UrlFor("a"), $"bytes={first}-{first + 4095}");
            Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
            return (first, body: await response.Content.ReadAsByteArrayAsync());
        }));

        Assert.All(results, r => Assert.Equal(blob[r.first..(r.first + 4096)], r.body));
        Assert.Equal(64, Server.Counters.TotalRequests);
        Assert.Equal(64 * 4096, Server.Counters.BytesSent);
    }
}
