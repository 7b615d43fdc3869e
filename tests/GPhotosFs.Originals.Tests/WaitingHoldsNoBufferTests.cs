namespace GPhotosFs.Originals.Tests;

/// <summary>
/// Buffers of the shared budget are held only while bytes move, never while a download or a read
/// waits on the origin: a cold backup's many downloads and reads, each waiting on the network, would
/// otherwise pin a chunk or a read buffer apiece (the daemon's RSS during a cold rsync).
/// </summary>
public sealed class WaitingHoldsNoBufferTests : IDisposable
{
    private static readonly DateTimeOffset Captured = new(2019, 7, 14, 18, 30, 0, TimeSpan.Zero);
    private readonly EngineHarness _h = new();

    [Fact]
    public async Task A_download_whose_origin_stops_sending_holds_no_chunk_while_it_waits()
    {
        var item = _h.AddPhoto("stalls", 1600, 1200, Captured);
        var length = _h.Origin.Blob("stalls").Length;
        _h.Origin.BodyChunk = 4096;
        _h.Origin.FailNext(FaultyOrigin.Fault.Stall); // sends half the body, then nothing
        using var cache = _h.NewCache(EngineHarness.FastOptions with { StallDeadline = TimeSpan.FromMinutes(5) });
        using var content = await cache.OpenAsync(item, CancellationToken.None);
        _ = cache.PrefetchAsync(item, CancellationToken.None);

        Assert.True(SpinWait.SpinUntil(() => _h.Origin.BytesServedFor("stalls") >= length / 2, TimeSpan.FromSeconds(30)), "the origin never sent the first half");
        Assert.True(_h.Origin.BytesServedFor("stalls") < length, "the origin sent it all: nothing was tested");
        // Stalled: the download waits for the origin's next byte. It must wait without a buffer.
        Assert.True(SpinWait.SpinUntil(() => cache.Buffers.InUseBytes == 0, TimeSpan.FromSeconds(10)),
            $"{cache.Buffers.InUseBytes} bytes of buffers held by a download that is only waiting for its origin");
    }

    [Fact]
    public async Task A_read_can_wait_for_its_bytes_before_taking_a_buffer()
    {
        var item = _h.AddPhoto("gated", 1600, 1200, Captured);
        var gate = new TaskCompletionSource();
        _h.Origin.Gate = gate; // the origin answers nothing until released
        using var cache = _h.NewCache();
        using var content = await cache.OpenAsync(item, CancellationToken.None);

        var readable = content.WhenReadableAsync(0, 16 * 1024, CancellationToken.None).AsTask();
        await Task.Delay(200); // time to complete, if it wrongly did so without the bytes
        Assert.False(readable.IsCompleted, "readable before the origin sent anything");
        Assert.Equal(0, cache.Buffers.InUseBytes);

        gate.SetResult();
        await readable.WaitAsync(TimeSpan.FromSeconds(30));
        // The bytes are there: the read itself takes no more waiting.
        var buffer = new byte[16 * 1024];
        var read = content.ReadAsync(0, buffer, CancellationToken.None);
        Assert.True(read.IsCompleted, "the read still waited after its bytes were said to be readable");
        Assert.Equal(buffer.Length, await read);
        Assert.Equal(_h.Origin.Blob("gated").AsSpan(0, buffer.Length).ToArray(), buffer);
    }

    public void Dispose() => _h.Dispose();
}
