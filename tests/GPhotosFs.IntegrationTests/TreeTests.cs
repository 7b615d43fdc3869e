using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using GPhotosFs.Catalog;
using GPhotosFs.IntegrationTests.Infrastructure;

namespace GPhotosFs.IntegrationTests;

/// <summary>The demo library mounted by the real CLI and read by real clients.</summary>
public sealed partial class TreeTests(DemoLibrary library) : IClassFixture<DemoLibrary>
{
    [FuseFact]
    public void Find_shows_photos_by_month_and_albums_exactly_as_the_catalog_assigned_them()
    {
        using var mount = new MountedLibrary(library.Folder);
        var found = Tools.Run("find", mount.Path, "-mindepth", "1").AssertSuccess("find").Stdout
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => Path.GetRelativePath(mount.Path, p))
            .ToHashSet();

        var items = library.Items();
        var visible = items.Where(i => !i.Item.IsTrashed).ToList();
        var expected = new HashSet<string> { "photos", "albums" };
        foreach (var item in visible)
        {
            var parts = item.MountPath.Split('/');
            for (var depth = 2; depth <= parts.Length; depth++)
            {
                expected.Add(string.Join('/', parts.Take(depth)));
            }
        }

        using (var catalog = LibraryCatalog.Open(library.CatalogPath, CatalogAccess.ReadOnly))
        {
            var albums = catalog.ReadTreeAlbums().ToDictionary(a => a.Id, a => a.DirName);
            foreach (var album in albums.Values)
            {
                expected.Add($"albums/{album}");
            }

            foreach (var entry in catalog.ReadTreeAlbumEntries())
            {
                expected.Add($"albums/{albums[entry.AlbumId]}/{entry.Name}");
            }
        }

        Assert.Equal(expected.Order(StringComparer.Ordinal), found.Order(StringComparer.Ordinal));
        Assert.Contains("photos/2019/07/IMG_20190714_183012 (2).jpg", found);
        Assert.Contains("photos/2019/07/img_20190714_183012 (3).JPG", found);
        Assert.Contains("photos/2019/07/Beach _ Sunset.jpg", found);
        Assert.Contains("photos/2020/01/tab_here_.jpg", found);
        Assert.Contains("photos/undated/scan0001.jpg", found);
        Assert.Contains("photos/2022/12/IMG_20221231_235959.jpg", found);
        Assert.Contains("albums/Family _ Friends", found);
        Assert.DoesNotContain(found, p => p.Contains("20230301_101010", StringComparison.Ordinal)); // trashed
        Assert.All(found, p => Assert.True(Encoding.UTF8.GetByteCount(Path.GetFileName(p)) <= 255, p));
    }

    [FuseFact]
    public void Sha256sum_of_every_file_equals_its_original()
    {
        using var mount = new MountedLibrary(library.Folder);
        var items = library.Items().Where(i => !i.Item.IsTrashed).ToList();

        var output = Tools.Run("sha256sum", [.. items.Select(i => mount[i.MountPath])]).AssertSuccess("sha256sum").Stdout;

        var sums = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l[..64]).ToList();
        Assert.Equal(items.Count, sums.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var original = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(items[i].OriginalPath)));
            Assert.Equal(original, sums[i]);
            Assert.Equal("sha256:" + original, items[i].Item.ContentHash);
        }
    }

    [FuseFact]
    public void Cat_through_an_album_symlink_gives_the_original_bytes()
    {
        using var mount = new MountedLibrary(library.Folder);
        var copy = Path.Combine(Path.GetTempPath(), $"gphotosfs-cat-{Guid.NewGuid():N}.mov");
        try
        {
            Tools.Run("bash", "-c", $"cat \"{mount["albums/Summer 2019/VID_20230704_210000.mov"]}\" > {copy}").AssertSuccess("cat");
            var video = library.Items().Single(i => i.Item.FileName == "VID_20230704_210000.mov");
            Assert.Equal(File.ReadAllBytes(video.OriginalPath), File.ReadAllBytes(copy));
        }
        finally
        {
            File.Delete(copy);
        }
    }

    [FuseFact]
    public void Stat_shows_exact_sizes_capture_times_read_only_modes_and_the_mounting_user()
    {
        using var mount = new MountedLibrary(library.Folder);
        var uid = GetEuid().ToString(CultureInfo.InvariantCulture);
        foreach (var item in library.Items().Where(i => !i.Item.IsTrashed))
        {
            var fields = Tools.Run("stat", "-c", "%a %u %s %Y %F", mount[item.MountPath]).AssertSuccess("stat").Stdout.Trim().Split(' ', 5);
            Assert.Equal("444", fields[0]);
            Assert.Equal(uid, fields[1]);
            Assert.Equal(new FileInfo(item.OriginalPath).Length.ToString(CultureInfo.InvariantCulture), fields[2]);
            Assert.Equal((item.Item.CaptureTime?.ToUnixTimeSeconds() ?? 0).ToString(CultureInfo.InvariantCulture), fields[3]);
            Assert.Equal("regular file", fields[4]);
        }

        foreach (var dir in new[] { "", "photos", "photos/2019", "photos/2019/07", "albums", "albums/Summer 2019" })
        {
            var fields = Tools.Run("stat", "-c", "%a %u %F", mount[dir]).AssertSuccess("stat").Stdout.Trim().Split(' ', 3);
            Assert.Equal(["555", uid, "directory"], fields);
        }

        // A month folder's mtime is its newest item's capture time: stable, and meaningful in a listing.
        var july = Tools.Run("stat", "-c", "%Y", mount["photos/2019/07"]).Stdout.Trim();
        Assert.Equal(new DateTimeOffset(2019, 7, 20, 20, 15, 0, TimeSpan.Zero).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), july);
    }

    [FuseFact]
    public void Inode_numbers_are_the_same_after_a_remount()
    {
        Dictionary<string, string> Inodes(MountedLibrary mount) =>
            Tools.Run("find", mount.Path, "-mindepth", "1", "-printf", "%i %P\n").AssertSuccess("find").Stdout
                .Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => l.Split(' ', 2))
                .ToDictionary(p => p[1], p => p[0]);

        Dictionary<string, string> first;
        using (var mount = new MountedLibrary(library.Folder))
        {
            first = Inodes(mount);
        }

        using var again = new MountedLibrary(library.Folder);
        var second = Inodes(again);
        Assert.Equal(first.Count, second.Count);
        Assert.All(first, kv => Assert.Equal(kv.Value, second[kv.Key]));
        Assert.Equal(first.Count, first.Values.Distinct().Count());
    }

    [FuseFact]
    public void Album_entries_are_relative_symlinks_that_resolve_inside_the_mount()
    {
        using var mount = new MountedLibrary(library.Folder);
        var albumDir = mount["albums/Summer 2019"];
        var entries = Directory.GetFileSystemEntries(albumDir);
        Assert.Equal(5, entries.Length);
        foreach (var entry in entries)
        {
            var target = Tools.Run("readlink", entry).AssertSuccess("readlink").Stdout.TrimEnd('\n');
            Assert.StartsWith("../../photos/", target, StringComparison.Ordinal);
            var resolved = Path.GetFullPath(Path.Combine(albumDir, target));
            Assert.StartsWith(mount["photos"], resolved, StringComparison.Ordinal);
            Assert.Equal(File.ReadAllBytes(resolved), File.ReadAllBytes(entry));
        }
    }

    [FuseFact]
    public void Xattrs_carry_the_google_metadata()
    {
        using var mount = new MountedLibrary(library.Folder);
        var beach = library.Items().Single(i => i.Item.Description == "Sunset on the Promenade");
        var path = mount[beach.MountPath];

        var names = ListXattr(path);
        Assert.Equal(
            ["user.gphotos.camera", "user.gphotos.description", "user.gphotos.favorite", "user.gphotos.gps", "user.gphotos.id", "user.gphotos.source", "user.gphotos.taken"],
            names.Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(beach.Item.SourceItemId, GetXattr(path, "user.gphotos.id"));
        Assert.Equal("local:demo", GetXattr(path, "user.gphotos.source"));
        Assert.Equal("Sunset on the Promenade", GetXattr(path, "user.gphotos.description"));
        Assert.Equal("Pixel 7", GetXattr(path, "user.gphotos.camera")); // make "Pixel", model "Pixel 7": the make once
        Assert.Equal("43.695000,7.270600,12.0", GetXattr(path, "user.gphotos.gps"));
        Assert.Equal("1", GetXattr(path, "user.gphotos.favorite"));
        Assert.Equal(beach.Item.CaptureTime!.Value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), GetXattr(path, "user.gphotos.taken"));
        Assert.Null(GetXattr(path, "user.gphotos.nothing"));

        // No security labels or ACLs here, and saying so lets ls stop asking (one round trip per file otherwise).
        Assert.Equal(95, GetXattrErrno(path, "security.selinux")); // EOPNOTSUPP
        Assert.Equal(95, GetXattrErrno(path, "system.posix_acl_access"));
        Assert.Equal(61, GetXattrErrno(path, "user.other")); // ENODATA
        var strace = Tools.Run("strace", "-f", "-c", "-e", "trace=lgetxattr,getxattr", "ls", "-lR", mount["photos"]);
        var calls = strace.Stderr.Split('\n').Where(l => l.TrimEnd().EndsWith("xattr", StringComparison.Ordinal)).Sum(l => int.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[3], CultureInfo.InvariantCulture));
        Assert.True(calls <= 4, $"ls -lR made {calls} xattr calls:\n{strace.Stderr}");
    }

    [FuseFact]
    public void Noxattr_turns_extended_attributes_off_entirely()
    {
        using var mount = new MountedLibrary(library.Folder, "-o", "noxattr");
        var path = mount["photos/2019/07/Beach _ Sunset.jpg"];

        Assert.Null(GetXattr(path, "user.gphotos.id"));
        Assert.Equal(95, GetXattrErrno(path, "user.gphotos.id"));
    }

    [FuseFact]
    public void Writes_of_every_kind_are_refused_as_read_only()
    {
        using var mount = new MountedLibrary(library.Folder);
        var file = mount["photos/2019/08/Café ☕ à Paris.jpg"];
        var before = File.ReadAllBytes(file);
        foreach (var (tool, args) in new (string, string[])[]
        {
            ("touch", [mount["photos/new.jpg"]]),
            ("touch", [file]),
            ("mkdir", [mount["photos/new"]]),
            ("rm", ["-f", file]),
            ("mv", [file, mount["photos/moved.jpg"]]),
            ("ln", ["-s", "x", mount["photos/link"]]),
            ("chmod", ["644", file]),
            ("bash", ["-c", $"echo x >> '{file}'"]),
        })
        {
            var result = Tools.Run(tool, args);
            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains("Read-only file system", result.Stderr);
        }

        Assert.Equal(before, File.ReadAllBytes(file));
    }

    [FuseFact]
    public void Rsync_copies_a_byte_identical_tree_and_a_second_run_changes_nothing()
    {
        using var mount = new MountedLibrary(library.Folder);
        var backup = Directory.CreateTempSubdirectory("gphotosfs-rsync-");
        try
        {
            Tools.Run("rsync", "-a", mount.Path + "/", backup.FullName + "/").AssertSuccess("rsync");
            foreach (var item in library.Items().Where(i => !i.Item.IsTrashed))
            {
                var copy = Path.Combine(backup.FullName, item.MountPath);
                Assert.Equal(File.ReadAllBytes(item.OriginalPath), File.ReadAllBytes(copy));
                Assert.Equal(item.Item.CaptureTime?.UtcDateTime ?? DateTime.UnixEpoch, File.GetLastWriteTimeUtc(copy));
            }

            Assert.Equal("../../photos/2019/07/Beach _ Sunset.jpg", new FileInfo(Path.Combine(backup.FullName, "albums/Summer 2019/Beach _ Sunset.jpg")).LinkTarget);

            var second = Tools.Run("rsync", "-ai", mount.Path + "/", backup.FullName + "/").AssertSuccess("rsync");
            Assert.Equal("", second.Stdout.Trim());
        }
        finally
        {
            backup.Delete(recursive: true);
        }
    }

    [FuseFact]
    public async Task Concurrent_readers_of_one_and_many_files_get_correct_bytes()
    {
        using var mount = new MountedLibrary(library.Folder);
        var items = library.Items().Where(i => !i.Item.IsTrashed).ToList();
        var originals = items.ToDictionary(i => i.MountPath, i => File.ReadAllBytes(i.OriginalPath));
        var video = items.Single(i => i.Item.MimeType == "video/quicktime").MountPath;

        var readers = Enumerable.Range(0, 16).Select(worker => Task.Run(() =>
        {
            var random = new Random(worker);
            for (var round = 0; round < 40; round++)
            {
                // Half the readers hammer the same file, the rest spread over all of them.
                var path = worker % 2 == 0 ? video : items[random.Next(items.Count)].MountPath;
                var expected = originals[path];
                var offset = random.Next(expected.Length);
                var length = Math.Min(random.Next(1, 200_000), expected.Length - offset);
                using var stream = new FileStream(mount[path], FileMode.Open, FileAccess.Read, FileShare.Read, 1);
                stream.Position = offset;
                var buffer = new byte[length];
                stream.ReadExactly(buffer);
                Assert.True(expected.AsSpan(offset, length).SequenceEqual(buffer), $"{path} at {offset}+{length}");
            }
        }));

        await Task.WhenAll(readers);
    }

    [FuseFact]
    public void Albums_as_files_are_hard_links_of_the_photos_entries()
    {
        using var mount = new MountedLibrary(library.Folder, "-o", "albums=files");
        var inAlbum = mount["albums/Summer 2019/Beach _ Sunset.jpg"];
        var inPhotos = mount["photos/2019/07/Beach _ Sunset.jpg"];

        var album = Tools.Run("stat", "-c", "%F %i %h", inAlbum).AssertSuccess("stat").Stdout.Trim();
        var photos = Tools.Run("stat", "-c", "%F %i %h", inPhotos).AssertSuccess("stat").Stdout.Trim();
        Assert.Equal("regular file", album[..12]);
        Assert.Equal(photos, album);
        Assert.EndsWith(" 2", album, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(inPhotos), File.ReadAllBytes(inAlbum));
        // In two albums: three names for one inode.
        Assert.EndsWith(" 3", Tools.Run("stat", "-c", "%h", mount["photos/2019/07/img_20190714_183012 (3).JPG"]).Stdout.Trim() is var n ? " " + n : "", StringComparison.Ordinal);
    }

    [FuseFact]
    public void Trashed_items_appear_only_when_asked_for()
    {
        using var mount = new MountedLibrary(library.Folder, "-o", "show_trashed");
        Assert.True(File.Exists(mount["photos/2023/03/IMG_20230301_101010.jpg"]));
    }

    private static string? GetXattr(string path, string name)
    {
        var buffer = new byte[1024];
        var n = LGetXattr(path, name, buffer, (nuint)buffer.Length);
        return n < 0 ? null : Encoding.UTF8.GetString(buffer, 0, (int)n);
    }

    private static int GetXattrErrno(string path, string name)
    {
        var buffer = new byte[1024];
        return LGetXattrErrno(path, name, buffer, (nuint)buffer.Length) < 0 ? Marshal.GetLastPInvokeError() : 0;
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

    [LibraryImport("libc", EntryPoint = "lgetxattr", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial nint LGetXattrErrno(string path, string name, byte[] value, nuint size);

    [LibraryImport("libc", EntryPoint = "llistxattr", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint LListXattr(string path, byte[] list, nuint size);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEuid();
}
