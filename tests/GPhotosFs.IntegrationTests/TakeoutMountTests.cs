using System.Security.Cryptography;
using GPhotosFs.IntegrationTests.Infrastructure;
using GPhotosFs.Takeout.Samples;

namespace GPhotosFs.IntegrationTests;

/// <summary>
/// Two multi-part Takeout exports (an older .tgz, a newer .zip with stored and deflated members)
/// added with the real CLI, mounted, and read by real clients.
/// </summary>
public sealed class TakeoutMountTests
{
    [FuseFact]
    public void Two_exports_mount_byte_identical_exiftool_reads_their_EXIF_and_a_removed_archive_fails_with_EIO()
    {
        using var temp = new TempFolder();
        var library = Path.Combine(temp.Path, "library");
        var exports = Path.Combine(temp.Path, "exports");
        var older = SampleTakeout.OlderShowcase();
        var newer = SampleTakeout.NewerShowcase();
        TakeoutExportWriter.WriteTgz(exports, SampleTakeout.OlderExport, older, parts: 2);
        // Takeout stores media; deflate the videos and PNGs here so both member kinds are served.
        var newerParts = TakeoutExportWriter.WriteZip(exports, SampleTakeout.NewerExport, newer, parts: 2, deflate: false,
            deflateMember: m => m.Path.EndsWith(".mov", StringComparison.Ordinal) || m.Path.EndsWith(".png", StringComparison.Ordinal) || m.Path.EndsWith(".json", StringComparison.Ordinal));

        var add = Tools.RunGphotosfs("takeout", "add", Path.Combine(exports, "takeout-*"), "--library", library).AssertSuccess("takeout add");
        Assert.Contains("4 part(s) indexed", add.Stderr, StringComparison.Ordinal);
        var again = Tools.RunGphotosfs("takeout", "add", Path.Combine(exports, "takeout-*"), "--library", library).AssertSuccess("takeout add again");
        Assert.Contains("0 part(s) indexed, 4 unchanged", again.Stderr, StringComparison.Ordinal);
        var list = Tools.RunGphotosfs("takeout", "list", "--library", library).AssertSuccess("takeout list");
        Assert.Equal(4, list.Stdout.Split('\n').Count(l => l.Contains(" ok ", StringComparison.Ordinal)));

        var bytesByName = older.Concat(newer).GroupBy(m => Path.GetFileName(m.Path)).ToDictionary(g => g.Key, g => g.First().Bytes);
        const string Untouched = "photos/2019/07/IMG_20190714_183012(1).jpg"; // read only after its archive is gone
        using (var mount = new MountedLibrary(library, "-o", "catalog_poll=0"))
        {
            var files = Directory.EnumerateFiles(mount.Path, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(mount.Path, f))
                .Where(f => !f.StartsWith('.') && f != Untouched)
                .Order(StringComparer.Ordinal)
                .ToList();
            Assert.Contains("photos/2021/12/PXL_20211224_190000123.MP", files);
            Assert.Contains("albums/Summer 2019/IMG_20250202_020202.jpg", files);
            Assert.Contains("photos/2022/10/archived.jpg", files); // only in the older export: kept

            var sums = Tools.Run("sha256sum", [.. files.Select(f => mount[f])]).AssertSuccess("sha256sum");
            var lines = sums.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(files.Count, lines.Length);
            foreach (var line in lines)
            {
                var (hash, path) = (line[..64], line[66..]);
                var name = Path.GetFileName(path);
                Assert.True(Convert.ToHexStringLower(SHA256.HashData(bytesByName[name])) == hash, $"{path} differs from its archive member");
            }

            var exif = Tools.Run("exiftool", "-s", "-s", "-s", "-DateTimeOriginal", "-Make", "-Model", mount["photos/2019/07/IMG_20190714_183012.jpg"]).AssertSuccess("exiftool");
            Assert.Equal(["2019:07:14 18:30:12", "Google", "Pixel 7"], exif.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));

            File.Delete(newerParts[0]);
            var cat = Tools.Run("cat", mount[Untouched]);
            Assert.NotEqual(0, cat.ExitCode);
            Assert.Contains("Input/output error", cat.Stderr, StringComparison.Ordinal);
        }

        var log = File.ReadAllText(Path.Combine(library, "gphotosfs.log"));
        Assert.Contains($"Takeout archive {newerParts[0]} is missing", log, StringComparison.Ordinal);
        var health = Directory.GetFiles(Path.Combine(library, "state"), "source-*.json").Select(File.ReadAllText).Single();
        Assert.Contains(Path.GetFileName(newerParts[0]), health, StringComparison.Ordinal);
        var listAfter = Tools.RunGphotosfs("takeout", "list", "--library", library).AssertSuccess("takeout list");
        Assert.Contains("MISSING", listAfter.Stdout, StringComparison.Ordinal);
    }
}
