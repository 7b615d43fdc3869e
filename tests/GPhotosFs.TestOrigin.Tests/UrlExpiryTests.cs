using System.Net;
using System.Web;

namespace GPhotosFs.TestOrigin.Tests;

public sealed class UrlExpiryTests
{
    private readonly ManualClock _clock = new();

    private async Task<TestOriginServer> StartAsync(TimeSpan? lifetime, int expiredStatus = 403)
    {
        var server = await TestOriginServer.StartAsync(new OriginOptions { UrlLifetime = lifetime, TimeProvider = _clock, ExpiredUrlStatus = expiredStatus });
        server.AddBlob("a", [1, 2, 3]);
        return server;
    }

    [Fact]
    public async Task A_url_carries_its_expiry_and_signature()
    {
        await using var server = await StartAsync(TimeSpan.FromHours(1));

        var query = HttpUtility.ParseQueryString(server.UrlFor("a").Query);

        Assert.Equal(_clock.GetUtcNow().AddHours(1).ToUnixTimeSeconds().ToString(), query["exp"]);
        Assert.False(string.IsNullOrEmpty(query["sig"]));
    }

    [Fact]
    public async Task A_url_works_until_its_expiry_and_answers_403_after()
    {
        await using var server = await StartAsync(TimeSpan.FromMinutes(60));
        using var client = new HttpClient();
        var url = server.UrlFor("a");

        _clock.Advance(TimeSpan.FromMinutes(59));
        using var before = await client.GetAsync(url);
        _clock.Advance(TimeSpan.FromMinutes(1));
        using var after = await client.GetAsync(url);
        using var fresh = await client.GetAsync(server.UrlFor("a"));

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, after.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
    }

    [Theory]
    [InlineData(404, HttpStatusCode.NotFound)]
    [InlineData(410, HttpStatusCode.Gone)]
    public async Task The_expired_status_is_configurable(int configured, HttpStatusCode expected)
    {
        await using var server = await StartAsync(TimeSpan.FromSeconds(1), configured);
        using var client = new HttpClient();
        var url = server.UrlFor("a");

        _clock.Advance(TimeSpan.FromSeconds(1));
        using var response = await client.GetAsync(url);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task A_tampered_url_is_refused()
    {
        await using var server = await StartAsync(TimeSpan.FromMinutes(5));
        using var client = new HttpClient();
        var url = server.UrlFor("a").ToString();
        var query = HttpUtility.ParseQueryString(new Uri(url).Query);
        var stretched = url.Replace($"exp={query["exp"]}", $"exp={long.Parse(query["exp"]!) + 3600}");
        var otherBlob = url.Replace("/media/a?", "/media/b?");
        server.AddBlob("b", [9]);

        using var stretchedResponse = await client.GetAsync(stretched);
        using var otherResponse = await client.GetAsync(otherBlob);
        using var unsigned = await client.GetAsync(new Uri(server.BaseUri, "media/a"));

        Assert.Equal(HttpStatusCode.Forbidden, stretchedResponse.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherResponse.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, unsigned.StatusCode);
    }

    [Fact]
    public async Task Expire_all_urls_now_voids_urls_issued_before_but_not_after()
    {
        await using var server = await StartAsync(lifetime: null); // never expire by time
        using var client = new HttpClient();
        var old = server.UrlFor("a");
        _clock.Advance(TimeSpan.FromDays(3650));
        using (var stillFine = await client.GetAsync(old))
            Assert.Equal(HttpStatusCode.OK, stillFine.StatusCode);

        server.Faults.ExpireAllUrlsNow();
        using var voided = await client.GetAsync(old);
        using var fresh = await client.GetAsync(server.UrlFor("a"));

        Assert.Equal(HttpStatusCode.Forbidden, voided.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
    }

    [Fact]
    public async Task Urls_of_one_origin_do_not_validate_at_another()
    {
        await using var first = await StartAsync(TimeSpan.FromMinutes(5));
        await using var second = await StartAsync(TimeSpan.FromMinutes(5));
        using var client = new HttpClient();
        var borrowed = new Uri(second.BaseUri, first.UrlFor("a").PathAndQuery);

        using var response = await client.GetAsync(borrowed);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Invalid_options_are_refused_at_start()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => TestOriginServer.StartAsync(new OriginOptions { ExpiredUrlStatus = 500 }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => TestOriginServer.StartAsync(new OriginOptions { UrlLifetime = TimeSpan.Zero }));
    }
}
