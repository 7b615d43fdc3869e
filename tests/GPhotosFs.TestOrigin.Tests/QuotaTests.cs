using System.Net;
using System.Text.Json;

namespace GPhotosFs.TestOrigin.Tests;

public sealed class QuotaTests : OriginTest
{
    [Fact]
    public async Task Past_the_daily_quota_every_request_answers_429_resource_exhausted_without_retry_after()
    {
        Server.AddBlob("a", Bytes(100));
        Server.Faults.DailyQuota = 3;

        for (var i = 0; i < 3; i++)
        {
            using var ok = await GetAsync(Server.UrlFor("a"));
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        for (var i = 0; i < 3; i++)
        {
            using var over = await GetAsync(Server.UrlFor("a"), "bytes=0-0");
            Assert.Equal(HttpStatusCode.TooManyRequests, over.StatusCode);
            // No Retry-After: a client must not read a daily quota as "try again in a second".
            Assert.Null(over.Headers.RetryAfter);
            using var json = JsonDocument.Parse(await over.Content.ReadAsStringAsync());
            var error = json.RootElement.GetProperty("error");
            Assert.Equal(429, error.GetProperty("code").GetInt32());
            Assert.Equal("RESOURCE_EXHAUSTED", error.GetProperty("status").GetString());
            Assert.StartsWith("Quota exceeded for quota metric 'All requests'", error.GetProperty("message").GetString());
        }
        Assert.Equal(3, Server.Counters.CountFor(OriginFaultKind.QuotaExceeded));
    }

    [Fact]
    public async Task Every_request_counts_against_the_quota_even_a_404()
    {
        Server.AddBlob("a", Bytes(100));
        Server.Faults.DailyQuota = 1;

        using var missing = await GetAsync(Server.UrlFor("missing"));
        using var over = await GetAsync(Server.UrlFor("a"));

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, over.StatusCode);
        Assert.Equal(2, Server.Faults.QuotaUsed);
    }

    [Fact]
    public async Task A_new_day_restores_service()
    {
        Server.AddBlob("a", Bytes(100));
        Server.Faults.DailyQuota = 0;
        using (var over = await GetAsync(Server.UrlFor("a")))
            Assert.Equal(HttpStatusCode.TooManyRequests, over.StatusCode);

        Server.Faults.DailyQuota = 1;
        Server.Faults.ResetQuota();
        using var ok = await GetAsync(Server.UrlFor("a"));

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task A_quota_fault_can_be_injected_for_one_request()
    {
        Server.AddBlob("a", Bytes(100));
        Server.Faults.InjectNext(OriginFaultKind.QuotaExceeded);

        using var over = await GetAsync(Server.UrlFor("a"));
        using var ok = await GetAsync(Server.UrlFor("a"));

        Assert.Equal(HttpStatusCode.TooManyRequests, over.StatusCode);
        Assert.Contains("RESOURCE_EXHAUSTED", await over.Content.ReadAsStringAsync());
        Assert.Null(over.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }
}
