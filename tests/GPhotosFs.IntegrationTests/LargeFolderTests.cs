using System.Globalization;
using GPhotosFs.IntegrationTests.Infrastructure;

namespace GPhotosFs.IntegrationTests;

/// <summary>A library of 100,000 generated photos, all in one month folder.</summary>
public sealed class LargeFolderTests
{
    private const int Extra = 100_000;

    [FuseFact]
    public void A_folder_of_100000_items_lists_stats_and_reads_completely()
    {
        using var library = new DemoLibrary(["--extra", Extra.ToString(CultureInfo.InvariantCulture), "--one-folder"]);
        using var mount = new MountedLibrary(library.Folder);
        var items = library.Items().Where(i => i.MountPath.StartsWith("photos/2015/01/", StringComparison.Ordinal)).ToList();
        Assert.Equal(Extra, items.Count);

        var listing = Tools.Run("ls", "-l", "--time-style=+%s", mount["photos/2015/01"]).AssertSuccess("ls -l").Stdout
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Skip(1) // "total N"
            .Select(l => l.Split(' ', 7, StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(f => f[6], f => (Size: long.Parse(f[4], CultureInfo.InvariantCulture), MTime: long.Parse(f[5], CultureInfo.InvariantCulture)));

        Assert.Equal(Extra, listing.Count);
        foreach (var item in items)
        {
            var entry = listing[Path.GetFileName(item.MountPath)];
            Assert.Equal(item.Item.Size, entry.Size);
            Assert.Equal(item.Item.CaptureTime!.Value.ToUnixTimeSeconds(), entry.MTime);
        }

        var count = Tools.Run("bash", "-c", $"find '{mount.Path}' -type f | wc -l").AssertSuccess("find").Stdout.Trim();
        Assert.Equal((Extra + 12).ToString(CultureInfo.InvariantCulture), count);

        foreach (var item in items.Where((_, i) => i % 9973 == 0))
        {
            Assert.Equal(File.ReadAllBytes(item.OriginalPath), File.ReadAllBytes(mount[item.MountPath]));
        }
    }
}
