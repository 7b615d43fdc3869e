using GPhotosFs.IntegrationTests.Infrastructure;

namespace GPhotosFs.IntegrationTests;

/// <summary>
/// gphotosfs unmount as scripts and systemd use it: it returns once the daemon is gone (so a mount
/// right after it works), says when a mount is not ours, and status tells a dead mount apart.
/// </summary>
public sealed class UnmountTests(DemoLibrary library) : IClassFixture<DemoLibrary>
{
    [FuseFact]
    public void Unmount_returns_once_the_daemon_has_exited_so_an_immediate_mount_works()
    {
        using var mountPoint = new TempFolder();
        for (var round = 1; round <= 5; round++)
        {
            Tools.RunGphotosfs("mount", mountPoint.Path, "--library", library.Folder, "-o", "noatime").AssertSuccess($"mount, round {round}");
            var daemon = MountedLibrary.FindDaemon(mountPoint.Path) ?? throw new InvalidOperationException("no daemon");

            Tools.RunGphotosfs("unmount", mountPoint.Path).AssertSuccess($"unmount, round {round}");

            Assert.False(Tools.ProcessExists(daemon), $"round {round}: unmount returned while daemon {daemon} still runs");
            Assert.False(Tools.IsMounted(mountPoint.Path));
        }

        // Each daemon said who it was, what it served and how, first thing in the log.
        var log = File.ReadAllText(Path.Combine(library.Folder, "gphotosfs.log"));
        Assert.Contains($"serving {library.Folder} on {mountPoint.Path}; cache {Path.Combine(library.Folder, "cache")}; options noatime", log, StringComparison.Ordinal);
        Assert.Matches(@"gphotosfs \d+\.\d+\.\d+\S* \(process \d+\) serving", log);
    }

    [FuseFact]
    public void Unmount_of_something_else_says_what_it_is()
    {
        using var folder = new TempFolder();
        var nothing = Tools.RunGphotosfs("unmount", folder.Path);
        Assert.Equal(1, nothing.ExitCode);
        Assert.Contains($"nothing is mounted at {folder.Path}", nothing.Stderr, StringComparison.Ordinal);

        Tools.Run("mount", "-t", "tmpfs", "-o", "size=1M", "tmpfs", folder.Path).AssertSuccess("mount tmpfs");
        try
        {
            var other = Tools.RunGphotosfs("unmount", folder.Path);
            Assert.Equal(1, other.ExitCode);
            Assert.Contains($"{folder.Path} is not a gphotosfs mount (it is tmpfs)", other.Stderr, StringComparison.Ordinal);
            Assert.True(Tools.IsMounted(folder.Path), "gphotosfs unmount unmounted a tmpfs");
        }
        finally
        {
            Tools.Run("umount", folder.Path);
        }
    }

    [FuseFact]
    public void Status_reports_a_dead_mount_until_unmount_clears_it()
    {
        using var mount = new MountedLibrary(library.Folder);
        Tools.Signal(mount.DaemonPid, "KILL");
        mount.WaitForDaemonExit();

        var status = Tools.RunGphotosfs("status", "--library", library.Folder);
        Assert.Contains($"Mounted   DEAD on {mount.Path}: its daemon (process {mount.DaemonPid}) ended without unmounting", status.Stdout, StringComparison.Ordinal);
        Assert.Contains($"run 'gphotosfs unmount {mount.Path}'", status.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Mounted   no", status.Stdout, StringComparison.Ordinal);

        Tools.RunGphotosfs("unmount", mount.Path).AssertSuccess("unmount of the dead mount");
        Assert.Contains("Mounted   no", Tools.RunGphotosfs("status", "--library", library.Folder).Stdout, StringComparison.Ordinal);
    }
}
