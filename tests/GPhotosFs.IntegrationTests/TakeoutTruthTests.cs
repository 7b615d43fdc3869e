using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using GPhotosFs.IntegrationTests.Infrastructure;
using GPhotosFs.Takeout.Samples;

namespace GPhotosFs.IntegrationTests;

/// <summary>
/// Issue 10 as a user meets it through the real CLI and mount: exports nobody here made, hostile
/// and damaged parts, input that is not Takeout, and a dry run.
/// </summary>
public sealed class TakeoutTruthTests
{
    private const string Year = "Takeout/Google Photos/Photos from 2019";

    [Fact]
    public void Input_that_is_not_Takeout_is_refused_with_exit_1_and_changes_nothing()
    {
        using var temp = new TempFolder();
        var library = Path.Combine(temp.Path, "library");
        var readme = Directory.CreateDirectory(Path.Combine(temp.Path, "notes", "sub")).Parent!.FullName;
        File.WriteAllText(Path.Combine(readme, "sub", "readme.txt"), "hello");
        var empty = Directory.CreateDirectory(Path.Combine(temp.Path, "empty")).FullName;
        var garbage = Path.Combine(temp.Path, "garbage.zip");
        File.WriteAllBytes(garbage, new byte[4096]);

        foreach (var input in new[] { readme, empty, garbage })
        {
            var add = Tools.RunGphotosfs("takeout", "add", input, "--library", library);
            Assert.Equal(1, add.ExitCode);
            Assert.Contains($"gphotosfs: {Path.GetFileName(input)}: ", add.Stderr, StringComparison.Ordinal);
            Assert.Contains("nothing added", add.Stderr, StringComparison.Ordinal);
            Assert.Contains("0 part(s) indexed", add.Stderr, StringComparison.Ordinal);
        }

        Assert.Contains("No Takeout parts", Tools.RunGphotosfs("takeout", "list", "--library", library).AssertSuccess("takeout list").Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_damaged_tgz_part_is_named_and_keeps_status_unhealthy_until_it_is_removed()
    {
        using var temp = new TempFolder();
        var library = Path.Combine(temp.Path, "library");
        var part = Path.Combine(temp.Path, "takeout-20250101T000000Z-001.tgz");
        var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Ustar, leaveOpen: true))
        {
            foreach (var name in new[] { "a.jpg", "b.jpg" })
            {
                writer.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, $"{Year}/{name}") { DataStream = new MemoryStream(new byte[1000]) });
            }
        }

        var bytes = tar.ToArray();
        bytes.AsSpan(1536, 512).Fill(0x41); // b.jpg's header
        using (var file = File.Create(part))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        {
            gzip.Write(bytes);
        }

        var add = Tools.RunGphotosfs("takeout", "add", part, "--library", library);
        Assert.Equal(1, add.ExitCode);
        Assert.Contains("gphotosfs: takeout-20250101T000000Z-001.tgz: damaged tar header after 'Takeout/Google Photos/Photos from 2019/a.jpg'", add.Stderr, StringComparison.Ordinal);
        Assert.Contains(" ERROR ", Tools.RunGphotosfs("takeout", "list", "--library", library).Stdout, StringComparison.Ordinal);

        var status = Tools.RunGphotosfs("status", "--library", library);
        Assert.Equal(12, status.ExitCode);
        Assert.Contains("takeout-20250101T000000Z-001.tgz is damaged", status.Stdout + status.Stderr, StringComparison.Ordinal);

        Tools.RunGphotosfs("takeout", "remove", Path.GetFileName(part), "--library", library).AssertSuccess("takeout remove");
        var after = Tools.RunGphotosfs("status", "--library", library);
        Assert.NotEqual(12, after.ExitCode);
        Assert.DoesNotContain("unavailable", after.Stdout + after.Stderr, StringComparison.Ordinal); // the damage stays only in the recent errors
    }

    [Fact]
    public void A_dry_run_lists_items_albums_and_rejected_members_and_writes_nothing()
    {
        using var temp = new TempFolder();
        var library = Path.Combine(temp.Path, "library");
        var when = new DateTimeOffset(2019, 7, 14, 18, 30, 12, TimeSpan.Zero);
        var photo = SampleTakeout.Photo(1, when);
        var parts = TakeoutExportWriter.WriteZip(Path.Combine(temp.Path, "exports"), "takeout-20250101T000000Z", [
            new($"{Year}/IMG_1.jpg", photo),
            new($"{Year}/IMG_1.jpg.json", TakeoutJson.Sidecar("IMG_1.jpg", when)),
            new("Takeout/Google Photos/Trip/IMG_1.jpg", photo),
            new("Takeout/Google Photos/Trip/metadata.json", TakeoutJson.Album("Trip to the sea")),
            new($"../../{Year}/evil.jpg", photo),
        ], 1, deflate: false);

        var dry = Tools.RunGphotosfs(["takeout", "add", .. parts, "--dry-run", "--library", library]).AssertSuccess("takeout add --dry-run");
        var lines = dry.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal([$"item\tphotos/2019/07/IMG_1.jpg\t{photo.Length}\tsidecar"], lines.Where(l => l.StartsWith("item\t", StringComparison.Ordinal)));
        Assert.Equal(["album\tTrip to the sea\t1 item(s)"], lines.Where(l => l.StartsWith("album\t", StringComparison.Ordinal)));
        Assert.Single(lines, l => l.StartsWith("rejected\t", StringComparison.Ordinal) && l.Contains("evil.jpg", StringComparison.Ordinal) && l.Contains("'..'", StringComparison.Ordinal));
        Assert.Contains("dry run, nothing written", dry.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(library));

        // With a library: still nothing written.
        Tools.RunGphotosfsWith(new Dictionary<string, string?> { ["GPHOTOSFS_CONFIG_DIR"] = Path.Combine(temp.Path, "config") }, "init", "--library", library).AssertSuccess("init");
        var before = File.ReadAllBytes(Path.Combine(library, "catalog.db"));
        Tools.RunGphotosfs(["takeout", "add", .. parts, "--dry-run", "--library", library]).AssertSuccess("takeout add --dry-run");
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(library, "catalog.db")));
        Assert.Contains("No Takeout parts", Tools.RunGphotosfs("takeout", "list", "--library", library).Stdout, StringComparison.Ordinal);
    }

    [FuseFact]
    public void The_mount_shows_each_photo_once_in_its_month_with_exact_bytes()
    {
        using var temp = new TempFolder();
        var library = Path.Combine(temp.Path, "library");
        var exports = Path.Combine(temp.Path, "exports");
        var scan1962 = new DateTimeOffset(1962, 5, 20, 10, 0, 0, TimeSpan.Zero);
        var beach = SampleTakeout.Photo(2, new DateTimeOffset(2019, 7, 1, 0, 0, 0, TimeSpan.Zero));
        var twin = (byte[])beach.Clone();
        twin[^100] ^= 0x5a; // same name, same size, other bytes
        var tabbed = SampleTakeout.Photo(3, new DateTimeOffset(2019, 7, 2, 0, 0, 0, TimeSpan.Zero));
        var old = SampleTakeout.Photo(4, new DateTimeOffset(2005, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var archived = SampleTakeout.Photo(5, new DateTimeOffset(2019, 7, 3, 0, 0, 0, TimeSpan.Zero));
        var members = new List<TakeoutMember>
        {
            new($"{Year}/IMG_0001.jpg", beach, Part: 0),
            new("Takeout/Google Photos/Photos from 2020/IMG_0001.jpg", twin, Part: 0),
            new("Takeout/Google Photos/Photos from 2020/IMG_0001.jpg.json", TakeoutJson.Sidecar("IMG_0001.jpg", new DateTimeOffset(2020, 8, 1, 0, 0, 0, TimeSpan.Zero)), Part: 1),
            new($"{Year}/holiday\tbeach.jpg", tabbed, Part: 0),
            new("Takeout/Google Photos/Photos from 1962/scan.jpg", old, Part: 0),
            new("Takeout/Google Photos/Photos from 1962/scan.jpg.json", TakeoutJson.Sidecar("scan.jpg", scan1962), Part: 1),
            new("Takeout/Google Photos/Archive/archived.jpg", archived, Part: 1),
        };
        // Two extracted part folders of one export: the sidecars sit in the second.
        TakeoutExportWriter.WriteFolder(Path.Combine(exports, "takeout-20250101T000000Z-001"), members.Where(m => m.Part == 0).ToList());
        TakeoutExportWriter.WriteFolder(Path.Combine(exports, "takeout-20250101T000000Z-002"), members.Where(m => m.Part == 1).ToList());

        var add = Tools.RunGphotosfs("takeout", "add", Path.Combine(exports, "takeout-*"), "--library", library).AssertSuccess("takeout add");
        Assert.Contains("2 folder file(s) hashed", add.Stderr, StringComparison.Ordinal);
        Assert.Contains("has control characters in its name; shown as", add.Stderr, StringComparison.Ordinal);

        using var mount = new MountedLibrary(library, "-o", "catalog_poll=0");
        var expected = new Dictionary<string, byte[]>
        {
            ["photos/2019/07/IMG_0001.jpg"] = beach,
            ["photos/2020/08/IMG_0001.jpg"] = twin,
            ["photos/2019/07/holiday_beach.jpg"] = tabbed,
            ["photos/1962/05/scan.jpg"] = old,
            ["photos/2019/07/archived.jpg"] = archived,
        };
        var files = Directory.EnumerateFiles(mount.Path, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(mount.Path, f)).Where(f => !f.StartsWith('.')).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), files);
        foreach (var (path, bytes) in expected)
        {
            Assert.True(SHA256.HashData(File.ReadAllBytes(mount[path])).AsSpan().SequenceEqual(SHA256.HashData(bytes)), $"{path} differs from its member");
        }
    }
}
