using System.Diagnostics;
using System.Net;

namespace GPhotosFs.TestOrigin.Tests;

/// <summary>
/// Latency and bandwidth. Only lower bounds are asserted: a loaded CI machine can always be slower,
/// never faster than the shaping allows.
/// </summary>
public sealed class ShapingTests : OriginTest
{
    [Fact]
    public async Task Latency_delays_the_first_byte_of_every_answer()
    {
        Server.AddBlob("a", Bytes(10));
        Server.Faults.Latency = TimeSpan.FromMilliseconds(200);

        var ok = await TimeAsync(async () =>
        {
            using var response = await GetAsync(Server.UrlFor("a"), completion: HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        });
        var missing = await TimeAsync(async () =>
        {
            using var response = await GetAsync(Server.UrlFor("missing"));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        });

        Assert.True(ok >= TimeSpan.FromMilliseconds(195), $"answered after {ok}");
        Assert.True(missing >= TimeSpan.FromMilliseconds(195), $"404 answered after {missing}");
    }

    [Fact]
    public async Task The_bandwidth_cap_bounds_how_fast_a_body_arrives()
    {
        const int size = 2 << 20;
        const long rate = 4 << 20; // 0.5 s for the body
        Server.AddBlob("a", Bytes(size));
        Server.Faults.BandwidthBytesPerSecond = rate;

        byte[] body = [];
        var elapsed = await TimeAsync(async () => body = await Client.GetByteArrayAsync(Server.UrlFor("a")));

        Assert.Equal(Bytes(size), body);
        // The bucket lets one chunk (1/50 s worth) go at once; the rest must wait for its tokens.
        var floor = TimeSpan.FromSeconds((size - rate / 50.0) / rate);
        Assert.True(elapsed >= floor * 0.98, $"{size} bytes at {rate} B/s arrived in {elapsed}, floor {floor}");
    }

    [Fact]
    public async Task The_cap_applies_to_each_response_not_to_the_server_as_a_whole()
    {
        const int size = 1 << 20;
        const long rate = 4 << 20; // each body alone takes 0.25 s
        Server.AddBlob("a", Bytes(size));
        Server.Faults.BandwidthBytesPerSecond = rate;

        var elapsed = await TimeAsync(() => Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Client.GetByteArrayAsync(Server.UrlFor("a")))));

        // Four bodies in parallel still each take their own quarter second.
        Assert.True(elapsed >= TimeSpan.FromSeconds(0.24), $"took {elapsed}");
        Assert.Equal(4L * size, Server.Counters.BytesSent);
    }

    [Fact]
    public async Task Latency_and_bandwidth_add_up_like_a_real_download()
    {
        const int size = 3_000_000;
        const long rate = 10_000_000; // a 3 MB photo over 80 Mbit/s, 50 ms away
        Server.AddBlob("photo.jpg", Bytes(size));
        Server.Faults.Latency = TimeSpan.FromMilliseconds(50);
        Server.Faults.BandwidthBytesPerSecond = rate;

        byte[] body = [];
        var elapsed = await TimeAsync(async () => body = await Client.GetByteArrayAsync(Server.UrlFor("photo.jpg")));

        Assert.Equal(size, body.Length);
        var floor = TimeSpan.FromMilliseconds(50) + TimeSpan.FromSeconds((size - rate / 50.0) / rate);
        Assert.True(elapsed >= floor * 0.98, $"took {elapsed}, floor {floor}");
    }

    private static async Task<TimeSpan> TimeAsync(Func<Task> action)
    {
        var clock = Stopwatch.StartNew();
        await action();
        return clock.Elapsed;
    }
}
