using System.Globalization;
using GPhotosFs.Catalog;
using GPhotosFs.Vfs.Content;

namespace GPhotosFs.Originals.Tests;

/// <summary>
/// The engine's registry lock is held for bookkeeping only: an item whose partial download is stuck
/// opening (a slow or hung disk, an NFS server gone away) must not hold up reads of other items.
/// </summary>
public sealed class RegistryLockTests : IDisposable
{
    // Generous: only a failing run waits this long; a passing one never does.
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);
    private static readonly DateTimeOffset Captured = new(2021, 3, 9, 8, 0, 0, TimeSpan.Zero);

    private readonly EngineHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task While_one_items_partial_is_stuck_opening_other_items_are_read_and_the_stuck_one_is_opened_once()
    {
        var stuck = _h.AddPhoto("stuck", 640, 480, Captured);
        var other = _h.AddPhoto("other", 640, 480, Captured);
        var stuckKey = stuck.Id.ToString(CultureInfo.InvariantCulture);
        using var inOpen = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var stuckOpens = 0;
        using var cache = _h.NewCache(partialOpener: (folder, key, length, identity) =>
        {
            if (key == stuckKey)
            {
                Interlocked.Increment(ref stuckOpens);
                inOpen.Set();
                release.Wait(); // the open(2) that does not come back
            }

            return PartialOriginal.OpenOrCreate(folder, key, length, identity);
        });

        try
        {
            var firstReader = Task.Run(() => ReadAllAsync(cache, stuck));
            Assert.True(inOpen.Wait(Generous), "the stuck item's partial was never opened");
            var secondReader = Task.Run(() => ReadAllAsync(cache, stuck));

            // Run on the pool: on a registry that holds its lock across the open, this call itself blocks.
            var otherRead = Task.Run(() => ReadAllAsync(cache, other));
            Assert.Equal(_h.Origin.Blob("other"), await otherRead.WaitAsync(Generous));
            Assert.False(firstReader.IsCompleted);

            release.Set();
            Assert.Equal(_h.Origin.Blob("stuck"), await firstReader.WaitAsync(Generous));
            Assert.Equal(_h.Origin.Blob("stuck"), await secondReader.WaitAsync(Generous));
            Assert.Equal(1, Volatile.Read(ref stuckOpens)); // the second reader waited for the first one's open, and shared its download
        }
        finally
        {
            release.Set();
        }
    }

    private static async Task<byte[]> ReadAllAsync(CachedOriginals cache, ItemRecord item)
    {
        using var content = await cache.OpenAsync(item, CancellationToken.None);
        var buffer = new byte[content.Length];
        var filled = 0;
        while (filled < buffer.Length)
        {
            var n = await content.ReadAsync(filled, buffer.AsMemory(filled), CancellationToken.None);
            if (n == 0)
            {
                break;
            }

            filled += n;
        }

        Assert.Equal(buffer.Length, filled);
        return buffer;
    }
}
