using System.Globalization;
using System.Text.RegularExpressions;
using GPhotosFs.Catalog;
using GPhotosFs.IntegrationTests.Infrastructure;
using GPhotosFs.TestOrigin;

namespace GPhotosFs.IntegrationTests;

/// <summary>
/// -o buffer_budget through the real CLI and a real mount: many files read at once, from an origin
/// slow enough that reads wait for their bytes, never hold more read and download buffers than the
/// budget (counted by the daemon's own pool, reported at the session's end), and every byte is right.
/// </summary>
public sealed partial class BufferBudgetMountTests : IAsyncLifetime
{
    private const long Budget = 4L << 20;

    private readonly TempFolder _library = new();
    private TestOriginServer _origin = null!;

    private string Library => _library.Path;

    public async Task InitializeAsync()
    {
        _origin = await TestOriginServer.StartAsync(new OriginOptions { ServeUnsignedFiles = true });
    }

    public async Task DisposeAsync()
    {
        await _origin.DisposeAsync();
        _library.Dispose();
    }

    [FuseFact]
    public async Task Many_files_read_at_once_never_hold_more_buffers_than_the_budget()
    {
        Tools.RunGphotosfs(["demo", Library, "--force", "--origin", _origin.UnsignedUrlFor("").AbsoluteUri, "--extra", "24", "--extra-kib", "1536"]).AssertSuccess("gphotosfs demo");
        _origin.AddDirectory(Path.Combine(Library, "originals"));
        // Slow enough per response that reads wait for their bytes with their buffers taken.
        _origin.Faults.BandwidthBytesPerSecond = 8 << 20;
        var items = Items();
        Assert.True(items.Count >= 24, $"only {items.Count} items");

        using (var mount = new MountedLibrary(Library, "-o", $"buffer_budget={Budget >> 20}M,catalog_poll=0,prefetch_depth=0"))
        {
            var streams = items.Select(i => new FileStream(mount[i.MountPath], FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0)).ToList();
            try
            {
                var reads = items.Select((item, n) => Task.Run(async () =>
                {
                    using var copy = new MemoryStream();
                    await streams[n].CopyToAsync(copy, 1 << 20);
                    var original = await File.ReadAllBytesAsync(item.Original);
                    Assert.True(copy.ToArray().AsSpan().SequenceEqual(original), item.MountPath);
                })).ToList();
                await Task.WhenAll(reads).WaitAsync(TimeSpan.FromMinutes(3));
            }
            finally
            {
                streams.ForEach(s => s.Dispose());
            }
        }

        var log = await File.ReadAllTextAsync(Path.Combine(Library, "gphotosfs.log"));
        var match = SessionEnd().Match(log);
        Assert.True(match.Success, "the session's end did not report the buffers:\n" + log);
        var peak = long.Parse(match.Groups["peak"].Value, CultureInfo.InvariantCulture);
        Assert.Equal(Budget, long.Parse(match.Groups["budget"].Value, CultureInfo.InvariantCulture));
        Assert.True(peak <= Budget, $"{peak} bytes of buffers in use at once, over the {Budget}-byte budget");
        // The budget was what held reads back, not a lack of them: most of it was in use at some point.
        Assert.True(peak >= Budget / 2, $"only {peak} bytes of buffers were ever in use: the reads did not press on the budget");
    }

    private List<(string MountPath, string Original)> Items()
    {
        using var catalog = LibraryCatalog.Open(Path.Combine(Library, "catalog.db"), CatalogAccess.ReadOnly);
        return catalog.ReadTreeItems().Where(i => !i.IsTrashed)
            .Select(i => catalog.GetItem(i.Id)!)
            .Where(i => i.Size > 1 << 20)
            .Select(i => ($"{i.DirPath}/{i.Name}", Path.Combine(Library, "originals", i.Locator!)))
            .ToList();
    }

    [GeneratedRegex(@"Session ended; read and download buffers: at most (?<peak>\d+) bytes in use at once, budget (?<budget>\d+) bytes")]
    private static partial Regex SessionEnd();
}
