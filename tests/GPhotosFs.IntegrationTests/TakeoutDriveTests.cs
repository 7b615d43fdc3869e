using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using GPhotosFs.GoogleEmulator;
using GPhotosFs.IntegrationTests.Infrastructure;
using GPhotosFs.Takeout.Samples;

namespace GPhotosFs.IntegrationTests;

/// <summary>
/// The "Done when" of Takeout straight from Drive: one export's parts added locally with
/// `takeout add`, the same parts read in place from the emulated Drive with `auth --drive` and
/// `drive add`; both mounted with the real CLI and read by real clients: the same tree.
/// </summary>
public sealed partial class TakeoutDriveTests
{
    [FuseFact]
    public async Task The_same_parts_added_locally_and_read_from_Drive_mount_identically()
    {
        await using var account = await GoogleAccount.StartAsync(new EmulatorOptions { ItemCount = 1, AlbumCount = 0 });
        using var temp = new TempFolder();
        var exports = Path.Combine(temp.Path, "exports");
        TakeoutExportWriter.WriteZip(exports, SampleTakeout.OlderExport, SampleTakeout.OlderShowcase(), 2, deflate: false,
            deflateMember: m => m.Path.EndsWith(".json", StringComparison.Ordinal) || m.Path.EndsWith(".mov", StringComparison.Ordinal));
        TakeoutExportWriter.WriteZip(exports, SampleTakeout.NewerExport, SampleTakeout.NewerShowcase(), 3, deflate: false,
            deflateMember: m => m.Path.EndsWith(".json", StringComparison.Ordinal) || m.Path.EndsWith(".png", StringComparison.Ordinal));

        var local = Path.Combine(temp.Path, "local");
        Tools.RunGphotosfs("takeout", "add", Path.Combine(exports, "takeout-*"), "--library", local).AssertSuccess("takeout add");

        account.Emulator.Drive.AddFolderOfFiles(exports);
        account.Authorize(drive: true).AssertSuccess("auth --drive");
        var add = Tools.RunGphotosfs("drive", "add", "--library", account.Library).AssertSuccess("drive add");
        Assert.Contains("5 part(s) of 2 export(s)", add.Stdout, StringComparison.Ordinal);
        var media = account.Emulator.Counters["drive.media"];

        Dictionary<string, string> localTree, driveTree;
        using (var mount = new MountedLibrary(local, "-o", "catalog_poll=0"))
        {
            localTree = Walk(mount.Path);
        }

        using (var mount = new MountedLibrary(account.Library, "-o", "catalog_poll=0"))
        {
            driveTree = Walk(mount.Path);
        }

        Assert.Contains("photos/2019/07/IMG_20190714_183012.jpg", localTree.Keys);
        Assert.Contains("albums/Summer 2019/IMG_20250202_020202.jpg", localTree.Keys);
        Assert.Equal(string.Join('\n', localTree.Select(p => $"{p.Key} {p.Value}")), string.Join('\n', driveTree.Select(p => $"{p.Key} {p.Value}")));
        Assert.True(account.Emulator.Counters["drive.media"] > media, "the mount read the members from Drive");
    }

    /// <summary>
    /// Every file below the mount (hidden ones aside): its sha256, mtime and xattrs, except two that
    /// differ by design: the source's name and the cache state. Reading a photo teaches the library its
    /// camera (EXIF) off the reader's path, whether it came through the cache (Drive) or was read in place
    /// (a local stored member): the xattrs are taken once every photo shows one.
    /// </summary>
    private static Dictionary<string, string> Walk(string root)
    {
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Where(f => !Path.GetRelativePath(root, f).StartsWith('.')).ToList();
        var read = files.ToDictionary(f => f, f => $"{Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f)))} {File.GetLastWriteTimeUtc(f):O}");
        var photos = files.Where(f => f.EndsWith(".jpg", StringComparison.Ordinal) && new FileInfo(f).LinkTarget is null).ToList(); // album entries are symlinks
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (photos.Any(f => GetXattr(f, "user.gphotos.camera") is null) && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(100);
        }

        var tree = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var xattrs = string.Join(';', ListXattr(file).Where(n => n is not ("user.gphotos.source" or "user.gphotos.cached")).Order(StringComparer.Ordinal).Select(n => $"{n}={GetXattr(file, n)}"));
            tree[Path.GetRelativePath(root, file)] = $"{read[file]} {xattrs}";
        }

        Assert.All(photos, f => Assert.NotNull(GetXattr(f, "user.gphotos.camera")));
        return new Dictionary<string, string>(tree);
    }

    private static string? GetXattr(string path, string name)
    {
        var buffer = new byte[4096];
        var n = LGetXattr(path, name, buffer, (nuint)buffer.Length);
        return n < 0 ? null : Encoding.UTF8.GetString(buffer, 0, (int)n);
    }

    private static string[] ListXattr(string path)
    {
        var buffer = new byte[4096];
        var n = LListXattr(path, buffer, (nuint)buffer.Length);
        Assert.True(n >= 0, "listxattr failed");
        return Encoding.UTF8.GetString(buffer, 0, (int)n).Split('\0', StringSplitOptions.RemoveEmptyEntries);
    }

    [LibraryImport("libc", EntryPoint = "lgetxattr", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint LGetXattr(string path, string name, byte[] value, nuint size);

    [LibraryImport("libc", EntryPoint = "llistxattr", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint LListXattr(string path, byte[] list, nuint size);
}
