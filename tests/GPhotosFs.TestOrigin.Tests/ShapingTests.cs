using System.Net;
using GPhotosFs.Tests.Shared.Time;

namespace GPhotosFs.TestOrigin.Tests;

/// <summary>
/// Latency, bandwidth and stalls, timed on a virtual clock: every wait of the origin moves it to the
/// wait's end at once, so the time measured is exactly what the origin waited, on a loaded CI machine
/// too (a Stopwatch can see a real timer fire a tick early). Only lower bounds are asserted.
/// </summary>
public sealed class ShapingTests : OriginTest
{
    private readonly ObservedClock _clock;

    public ShapingTests()
        : this(new ObservedClock { AdvanceOnWait = true })
    {
    }

    private ShapingTests(ObservedClock clock)
        : base(new OriginOptions { ShapingTime = clock }) => _clock = clock;

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

        Assert.True(ok >= TimeSpan.FromMilliseconds(200), $"answered after {ok}");
        Assert.True(missing >= TimeSpan.FromMilliseconds(200), $"404 answered after {missing}");
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
        // A microsecond for the pacer's floating-point token arithmetic, nothing for timing.
        Assert.True(elapsed >= floor - Arithmetic, $"{size} bytes at {rate} B/s arrived in {elapsed}, floor {floor}");
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
        var floor = TimeSpan.FromSeconds((size - rate / 50.0) / rate);
        Assert.True(elapsed >= floor - Arithmetic, $"took {elapsed}, floor {floor}");
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
        Assert.True(elapsed >= floor - Arithmetic, $"took {elapsed}, floor {floor}");
    }

    [Fact]
    public async Task A_stall_holds_the_body_for_its_duration()
    {
        Server.AddBlob("a", Bytes(1 << 20));
        Server.Faults.InjectNext(OriginFaultKind.Stall);
        Server.Faults.StallDuration = TimeSpan.FromMilliseconds(300);

        byte[] body = [];
        var elapsed = await TimeAsync(async () => body = await Client.GetByteArrayAsync(Server.UrlFor("a")));

        Assert.Equal(Bytes(1 << 20), body);
        Assert.True(elapsed >= TimeSpan.FromMilliseconds(300), $"done after {elapsed}");
    }

    private static readonly TimeSpan Arithmetic = TimeSpan.FromTicks(10);

    /// <summary>How much time passed on the origin's (virtual) clock while <paramref name="action"/> ran.</summary>
    private async Task<TimeSpan> TimeAsync(Func<Task> action)
    {
        var start = _clock.GetTimestamp();
        await action();
        return _clock.GetElapsedTime(start);
    }
}
