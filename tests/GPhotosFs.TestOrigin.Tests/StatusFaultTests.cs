using System.Net;

namespace GPhotosFs.TestOrigin.Tests;

/// <summary>Faults answered with an error status instead of the blob.</summary>
public sealed class StatusFaultTests : OriginTest
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Server.AddBlob("a", Bytes(1000));
    }

    [Theory]
    [InlineData(OriginFaultKind.InternalServerError, HttpStatusCode.InternalServerError, "INTERNAL")]
    [InlineData(OriginFaultKind.BadGateway, HttpStatusCode.BadGateway, "UNAVAILABLE")]
    [InlineData(OriginFaultKind.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, "UNAVAILABLE")]
    public async Task A_server_error_fault_answers_its_status_with_a_google_style_body(OriginFaultKind fault, HttpStatusCode status, string googleStatus)
    {
        Server.Faults.InjectNext(fault);

        using var response = await GetAsync(Server.UrlFor("a"));

        Assert.Equal(status, response.StatusCode);
        Assert.Contains($"\"status\":\"{googleStatus}\"", await response.Content.ReadAsStringAsync());
        Assert.Equal(fault, Server.Counters.Log.Single().Fault);
    }

    [Fact]
    public async Task A_rate_limit_fault_answers_429_with_retry_after_in_seconds()
    {
        Server.Faults.RetryAfter = TimeSpan.FromMilliseconds(2500); // rounded up: a client must not retry early
        Server.Faults.InjectNext(OriginFaultKind.TooManyRequests);

        using var response = await GetAsync(Server.UrlFor("a"));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task Injected_faults_hit_the_next_requests_in_order_then_stop()
    {
        Server.Faults.InjectNext(OriginFaultKind.ServiceUnavailable, 2);
        Server.Faults.InjectNext(OriginFaultKind.InternalServerError);

        var statuses = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await GetAsync(Server.UrlFor("a"));
            statuses.Add((int)response.StatusCode);
        }

        Assert.Equal([503, 503, 500, 200], statuses);
        Assert.Equal(0, Server.Faults.PendingInjected);
    }

    [Fact]
    public async Task Injected_faults_are_not_used_up_by_requests_that_fail_anyway()
    {
        Server.Faults.InjectNext(OriginFaultKind.ServiceUnavailable);

        using var missing = await GetAsync(Server.UrlFor("missing"));
        using var unsatisfiable = await GetAsync(Server.UrlFor("a"), "bytes=5000-");
        using var faulted = await GetAsync(Server.UrlFor("a"));

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, unsatisfiable.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, faulted.StatusCode);
    }

    [Fact]
    public async Task A_fault_rate_of_one_with_a_single_kind_fails_every_request()
    {
        Server.Faults.FaultRate = 1;
        Server.Faults.FaultMix = new Dictionary<OriginFaultKind, double> { [OriginFaultKind.BadGateway] = 1 };

        for (var i = 0; i < 10; i++)
        {
            using var response = await GetAsync(Server.UrlFor("a"));
            Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        }
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_faults_in_the_same_order()
    {
        var first = await StatusesAsync(Server, seed: 7);
        var replay = await StatusesAsync(Server, seed: 7);
        var other = await StatusesAsync(Server, seed: 8);

        Assert.Equal(first, replay);
        Assert.NotEqual(first, other);
        // At 0.5, 60 requests without both outcomes would mean the rate is not applied.
        Assert.Contains(200, first);
        Assert.Contains(first, s => s != 200);
    }

    private async Task<List<int>> StatusesAsync(TestOriginServer server, int seed)
    {
        server.Faults.Reseed(seed);
        server.Faults.FaultRate = 0.5;
        server.Faults.FaultMix = new Dictionary<OriginFaultKind, double>
        {
            [OriginFaultKind.InternalServerError] = 1,
            [OriginFaultKind.ServiceUnavailable] = 2,
            [OriginFaultKind.TooManyRequests] = 1,
        };
        var statuses = new List<int>();
        for (var i = 0; i < 60; i++)
        {
            using var response = await GetAsync(server.UrlFor("a"));
            statuses.Add((int)response.StatusCode);
        }
        return statuses;
    }

    [Fact]
    public void Settings_out_of_range_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Server.Faults.FaultRate = 1.5);
        Assert.Throws<ArgumentOutOfRangeException>(() => Server.Faults.BodyFaultAt = 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => Server.Faults.InjectNext(OriginFaultKind.None));
        Assert.Throws<ArgumentException>(() => Server.Faults.FaultMix = new Dictionary<OriginFaultKind, double> { [OriginFaultKind.Stall] = 0 });
    }

    [Fact]
    public async Task Reset_turns_every_fault_off()
    {
        Server.Faults.FaultRate = 1;
        Server.Faults.InjectNext(OriginFaultKind.ServiceUnavailable, 3);
        Server.Faults.DailyQuota = 0;
        Server.Faults.Latency = TimeSpan.FromSeconds(30);

        Server.Faults.Reset();
        using var response = await GetAsync(Server.UrlFor("a"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
