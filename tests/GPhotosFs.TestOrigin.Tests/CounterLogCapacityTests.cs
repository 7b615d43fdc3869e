namespace GPhotosFs.TestOrigin.Tests;

/// <summary>The request log stays bounded for long benchmarks.</summary>
public sealed class CounterLogCapacityTests() : OriginTest(new OriginOptions { RequestLogCapacity = 3 })
{
    [Fact]
    public async Task The_log_keeps_only_the_most_recent_requests_while_totals_keep_counting()
    {
        Server.AddBlob("a", Bytes(10));
        for (var i = 0; i < 5; i++) (await GetAsync(Server.UrlFor("a"))).Dispose();

        Assert.Equal(5, Server.Counters.TotalRequests);
        Assert.Equal([3L, 4L, 5L], Server.Counters.Log.Select(r => r.Sequence));
    }
}
