using System.Diagnostics;
using GPhotosFs.Catalog.Health;
using GPhotosFs.Vfs.Content;

namespace GPhotosFs.Library.Tests.Sources;

/// <summary>
/// Takeout's download cache is built like every other (DownloadCaches), so what happens to it shows
/// in <c>status</c> the same way. It used to be built apart, without the cache's health record: a
/// compressed member that filled the cache's disk failed its reads, and status said the cache was fine.
/// </summary>
public sealed class TakeoutCacheHealthTests : IAsyncLifetime
{
    private readonly TakeoutTgzFixture _fixture = new();
    private string? _smallDisk;

    public async Task InitializeAsync()
    {
        await _fixture.CreateAsync();
        _smallDisk = Path.Combine(_fixture.Scratch, "small-disk");
        Directory.CreateDirectory(_smallDisk);
        Run("mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", _smallDisk);
        _fixture.Library = _fixture.Library with { CacheFolderOverride = Path.Combine(_smallDisk, "cache") };
    }

    public async Task DisposeAsync()
    {
        if (_smallDisk is not null)
        {
            Run("umount", "-l", _smallDisk);
        }

        await _fixture.DisposeAsync();
    }

    [Fact]
    public async Task A_member_that_fills_the_cache_disk_is_reported_in_the_cache_health()
    {
        var big = _fixture.Items().Single(i => i.FileName == "big.bin"); // 1.1 MB of noise: it cannot fit in 512 KiB
        using (var content = _fixture.OpenContent())
        {
            await Assert.ThrowsAsync<ContentUnavailableException>(async () =>
            {
                using var opened = await content.Sources.For(big).OpenAsync(big, CancellationToken.None);
                var buffer = new byte[1 << 16];
                for (long at = 0; at < opened.Length;)
                {
                    at += await opened.ReadAsync(at, buffer, CancellationToken.None);
                }
            });
        }

        Assert.NotNull(new CacheHealthStore(_fixture.Library.StateFolder).Read().DiskFull);
    }

    private static void Run(string file, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', arguments)}: {error}");
    }
}
