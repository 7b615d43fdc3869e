using GPhotosFs.Vfs.Content;

namespace GPhotosFs.Vfs.Tests;

/// <summary>The one budget of read and download buffers: bounded, pooled, and never a deadlock between reads and downloads.</summary>
public sealed class BufferBudgetTests
{
    private const int Mib = 1 << 20;

    [Fact]
    public async Task Many_concurrent_renters_never_hold_more_than_the_budget_and_all_get_served()
    {
        var budget = new BufferBudget(4L * Mib);
        var holders = Enumerable.Range(0, 64).Select(async i =>
        {
            var use = i % 2 == 0 ? BufferUse.Read : BufferUse.Download;
            var buffer = await budget.RentAsync(i % 3 == 0 ? Mib : 256 * 1024, use, CancellationToken.None);
            Assert.True(budget.InUseBytes <= budget.Bytes);
            await Task.Yield();
            budget.Return(buffer);
        }).ToList();

        await Task.WhenAll(holders).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, budget.InUseBytes);
        Assert.InRange(budget.PeakInUseBytes, Mib, budget.Bytes);
        Assert.InRange(budget.HeldBytes, 0, budget.Bytes);
    }

    [Fact]
    public async Task Reads_waiting_with_every_buffer_they_may_take_still_leave_a_download_its_chunk()
    {
        var budget = new BufferBudget(4L * Mib);
        var reads = new List<byte[]>();
        while (budget.TryRent(Mib, BufferUse.Read, out var read))
        {
            reads.Add(read);
        }

        Assert.Equal(3, reads.Count); // 4 MiB less the downloads' 1 MiB reserve
        var waitingRead = budget.RentAsync(Mib, BufferUse.Read, CancellationToken.None);
        Assert.False(waitingRead.IsCompleted);

        // The read that waits does not block a download queued behind it.
        var chunk = await budget.RentAsync(256 * 1024, BufferUse.Download, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        budget.Return(chunk);
        budget.Return(reads[0]);

        var served = await waitingRead.AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(Mib, served.Length);
    }

    [Fact]
    public void Returned_buffers_are_reused_so_a_steady_stream_of_reads_allocates_nothing()
    {
        var budget = new BufferBudget(4L * Mib);
        Assert.True(budget.TryRent(Mib, BufferUse.Read, out var first));
        budget.Return(first);

        for (var i = 0; i < 100; i++)
        {
            Assert.True(budget.TryRent(1000 * 1024, BufferUse.Read, out var again));
            Assert.Same(first, again);
            budget.Return(again);
        }

        Assert.Equal(Mib, budget.HeldBytes);
    }

    [Fact]
    public void Idle_buffers_of_other_sizes_are_dropped_so_what_is_held_stays_within_the_budget()
    {
        var budget = new BufferBudget(4L * Mib);
        var small = Enumerable.Range(0, 16).Select(_ => Rent(budget, 256 * 1024, BufferUse.Download)).ToList();
        small.ForEach(budget.Return);
        Assert.Equal(4L * Mib, budget.HeldBytes);

        var big = Enumerable.Range(0, 3).Select(_ => Rent(budget, Mib, BufferUse.Read)).ToList();

        Assert.InRange(budget.HeldBytes, 3L * Mib, budget.Bytes);
        big.ForEach(budget.Return);
    }

    [Fact]
    public async Task A_cancelled_wait_gives_up_its_place_and_takes_nothing()
    {
        var budget = new BufferBudget(4L * Mib);
        var held = Enumerable.Range(0, 4).Select(_ => Rent(budget, Mib, BufferUse.Download)).ToList();
        using var cancel = new CancellationTokenSource();
        var waiting = budget.RentAsync(Mib, BufferUse.Download, cancel.Token);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.AsTask());
        held.ForEach(budget.Return);
        Assert.Equal(0, budget.InUseBytes);
    }

    [Fact]
    public void A_budget_smaller_than_the_largest_read_and_the_reserve_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BufferBudget(2L * Mib));
    }

    private static byte[] Rent(BufferBudget budget, int size, BufferUse use)
    {
        Assert.True(budget.TryRent(size, use, out var buffer));
        return buffer;
    }
}
