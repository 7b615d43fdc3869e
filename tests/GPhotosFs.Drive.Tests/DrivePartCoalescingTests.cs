namespace GPhotosFs.Drive.Tests;

/// <summary>
/// When prefetching stretches one request over the gap to the next wanted range: a small gap always
/// (cheaper than a round trip), a larger one only while at most half of the request would be waste.
/// </summary>
public sealed class DrivePartCoalescingTests
{
    [Theory]
    [InlineData(1_200, 1_100, true)] // tiny photos between sidecars: read through them
    [InlineData(1_200, 16 * 1024, true)]
    [InlineData(1_200, 16 * 1024 + 1, false)] // one sidecar, then a 17 KiB gap: a request of its own
    [InlineData(600_000, 100_000, true)] // 500 grouped sidecars, then a small album photo: bridged
    [InlineData(600_000, 3_000_000, false)] // ...but never a 3 MB photo
    [InlineData(1_200, 3_000_000, false)] // sidecars interleaved with real photos: one request each
    public void A_gap_is_bridged_when_small_or_no_larger_than_the_wanted_bytes(long wanted, long gap, bool bridged)
    {
        const long end = 10_000_000;
        Assert.Equal(bridged, DrivePart.Bridges(end, wanted, end + gap));
    }
}
