using System.Diagnostics;
using System.Security.Cryptography;
using GPhotosFs.Catalog;
using GPhotosFs.IntegrationTests.Infrastructure;
using GPhotosFs.SampleMedia;

namespace GPhotosFs.IntegrationTests;

/// <summary>Mounting, unmounting and dying: no way of ending a daemon may leave a dead mount behind.</summary>
public sealed class LifecycleTests(DemoLibrary library) : IClassFixture<DemoLibrary>
{
    private const string Photo = "photos/2019/08/Café ☕ à Paris.jpg";

    [FuseTheory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public void A_signal_to_a_foreground_daemon_unmounts_cleanly_and_exits_0(string signal)
    {
        using var mountPoint = new TempFolder();
        using var daemon = StartForeground(mountPoint.Path);
        Assert.True(File.Exists(Path.Combine(mountPoint.Path, Photo)));

        Tools.Signal(daemon.Id, signal);

        Assert.True(daemon.WaitForExit(TimeSpan.FromSeconds(60)), $"daemon still running after SIG{signal}");
        Assert.Equal(0, daemon.ExitCode);
        Assert.False(Tools.IsMounted(mountPoint.Path));
        Assert.Contains($"SIG{signal} received", daemon.StandardError.ReadToEnd());
    }

    [FuseFact]
    public void A_signal_while_a_file_is_open_detaches_at_once_and_exits_when_it_closes()
    {
        using var mountPoint = new TempFolder();
        using var daemon = StartForeground(mountPoint.Path);
        var expected = File.ReadAllBytes(Path.Combine(mountPoint.Path, Photo));
        var open = new FileStream(Path.Combine(mountPoint.Path, Photo), FileMode.Open, FileAccess.Read, FileShare.Read, 1);

        Tools.Signal(daemon.Id, "TERM");

        Assert.True(Tools.WaitUntil(() => !Tools.IsMounted(mountPoint.Path), TimeSpan.FromSeconds(60)), "the busy mount was not detached");
        var bytes = new byte[expected.Length];
        open.ReadExactly(bytes);
        Assert.Equal(expected, bytes);
        Assert.False(daemon.HasExited);

        open.Dispose();
        Assert.True(daemon.WaitForExit(TimeSpan.FromSeconds(60)), "daemon still running after its last file closed");
        Assert.Equal(0, daemon.ExitCode);
    }

    [FuseFact]
    public void Fusermount_unmount_ends_the_background_daemon()
    {
        using var mount = new MountedLibrary(library.Folder);
        Assert.True(File.Exists(mount[Photo]));

        Tools.Run("fusermount3", "-u", mount.Path).AssertSuccess("fusermount3 -u");

        mount.WaitForDaemonExit();
        Assert.False(Tools.IsMounted(mount.Path));
    }

    [FuseFact]
    public void Unmount_with_an_open_file_reports_busy_and_keeps_serving_until_it_closes()
    {
        using var mount = new MountedLibrary(library.Folder);
        using (var open = File.OpenRead(mount[Photo]))
        {
            var busy = Tools.RunGphotosfs("unmount", mount.Path);
            Assert.Equal(3, busy.ExitCode);
            Assert.Contains("busy", busy.Stderr);
            Assert.Contains("--lazy", busy.Stderr);
            Assert.True(Tools.IsMounted(mount.Path));
            Assert.True(open.ReadByte() >= 0);
        }

        Tools.RunGphotosfs("unmount", mount.Path).AssertSuccess("gphotosfs unmount");
        mount.WaitForDaemonExit();
        Assert.False(Tools.IsMounted(mount.Path));
    }

    [FuseFact]
    public void A_killed_daemon_leaves_a_dead_mount_that_mount_explains_and_unmount_clears()
    {
        using var mount = new MountedLibrary(library.Folder);
        Tools.Signal(mount.DaemonPid, "KILL");
        mount.WaitForDaemonExit();

        var stat = Tools.Run("stat", mount.Path);
        // ENOTCONN, or ECONNABORTED when stat raced the connection's teardown.
        Assert.True(stat.Stderr.Contains("Transport endpoint is not connected", StringComparison.Ordinal)
                    || stat.Stderr.Contains("Software caused connection abort", StringComparison.Ordinal), stat.Stderr);

        var again = Tools.RunGphotosfs("mount", mount.Path, "--library", library.Folder);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("dead FUSE mount", again.Stderr);
        Assert.Contains($"gphotosfs unmount {mount.Path}", again.Stderr);

        Tools.RunGphotosfs("unmount", mount.Path).AssertSuccess("gphotosfs unmount of a dead mount");
        Assert.False(Tools.IsMounted(mount.Path));
        using var remounted = new MountedLibrary(library.Folder);
        Assert.True(File.Exists(remounted[Photo]));
    }

    [FuseFact]
    public void A_corrupt_catalog_fails_the_mount_clearly_and_is_left_untouched()
    {
        using var broken = new TempFolder();
        var catalog = Path.Combine(broken.Path, "catalog.db");
        var garbage = RandomNumberGenerator.GetBytes(64 * 1024);
        File.WriteAllBytes(catalog, garbage);
        using var mountPoint = new TempFolder();

        var result = Tools.RunGphotosfs("mount", mountPoint.Path, "--library", broken.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(catalog, result.Stderr);
        Assert.False(Tools.IsMounted(mountPoint.Path));
        Assert.Equal(garbage, File.ReadAllBytes(catalog));
    }

    [FuseFact]
    public void Mount_refuses_a_missing_mount_point_and_unknown_options_with_clear_errors()
    {
        var missing = Tools.RunGphotosfs("mount", "/nonexistent/gphotosfs-mnt", "--library", library.Folder);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("does not exist", missing.Stderr);

        using var mountPoint = new TempFolder();
        var unknown = Tools.RunGphotosfs("mount", mountPoint.Path, "--library", library.Folder, "-o", "bogus_option");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("bogus_option", unknown.Stderr);
        Assert.False(Tools.IsMounted(mountPoint.Path));
    }

    [FuseFact]
    public void Items_added_to_the_catalog_appear_without_a_remount()
    {
        using var own = new TempFolder();
        Tools.RunGphotosfs("demo", own.Path, "--classic").AssertSuccess("gphotosfs demo");
        using var mount = new MountedLibrary(own.Path, "-o", "catalog_poll=1");
        var newPath = mount["photos/2024/02/IMG_20240229_120000.jpg"];
        Assert.False(File.Exists(newPath)); // also leaves a cached negative entry behind

        var when = new DateTimeOffset(2024, 2, 29, 12, 0, 0, TimeSpan.Zero);
        var bytes = SampleMediaFactory.CreatePhoto(new PhotoSpec { Width = 64, Height = 48, Seed = 99, CaptureTime = when });
        File.WriteAllBytes(Path.Combine(own.Path, "originals", "added.jpg"), bytes);
        using (var catalog = LibraryCatalog.Open(Path.Combine(own.Path, "catalog.db"), CatalogAccess.ReadWrite))
        {
            var source = catalog.GetSources().Single();
            catalog.UpsertItems([new ItemRecord
            {
                SourceId = source.Id, SourceItemId = "added.jpg", Locator = "added.jpg", FileName = "IMG_20240229_120000.jpg",
                MimeType = "image/jpeg", CaptureTime = when, Size = bytes.Length,
            }]);
            catalog.AssignPaths();
        }

        Assert.True(Tools.WaitUntil(() => File.Exists(newPath), TimeSpan.FromSeconds(60)), "the new item did not appear");
        Assert.Equal(bytes, File.ReadAllBytes(newPath));
        Assert.Contains("IMG_20240229_120000.jpg", Directory.GetFiles(mount["photos/2024/02"]).Select(Path.GetFileName));
    }

    [FuseFact]
    public void A_daemon_that_inherited_SIGINT_as_ignored_still_unmounts_on_it()
    {
        // A background job of a non-interactive shell (and anything under nohup) starts with SIGINT
        // (and SIGHUP) ignored; .NET registers no handler over an ignored signal.
        using var mountPoint = new TempFolder();
        using var daemon = Tools.Start("/bin/sh", "-c", "trap '' INT HUP; exec \"$0\" \"$@\"",
            Tools.Gphotosfs, "mount", mountPoint.Path, "--library", library.Folder, "--foreground");
        Assert.True(Tools.WaitUntil(() => Tools.IsMounted(mountPoint.Path) || daemon.HasExited, TimeSpan.FromSeconds(60)) && !daemon.HasExited,
            "foreground mount did not come up");

        Tools.Signal(daemon.Id, "INT");

        Assert.True(daemon.WaitForExit(TimeSpan.FromSeconds(60)), "daemon still running after SIGINT it had inherited as ignored");
        Assert.Equal(0, daemon.ExitCode);
        Assert.False(Tools.IsMounted(mountPoint.Path));
        Assert.Contains("SIGINT received", daemon.StandardError.ReadToEnd());
    }

    private Process StartForeground(string mountPoint)
    {
        var daemon = Tools.Start(Tools.Gphotosfs, "mount", mountPoint, "--library", library.Folder, "--foreground");
        if (!Tools.WaitUntil(() => Tools.IsMounted(mountPoint) || daemon.HasExited, TimeSpan.FromSeconds(30)) || daemon.HasExited)
        {
            Assert.Fail($"foreground mount did not come up: {(daemon.HasExited ? daemon.StandardError.ReadToEnd() : "timeout")}");
        }

        return daemon;
    }
}
