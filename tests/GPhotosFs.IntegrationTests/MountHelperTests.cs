using System.Security.Cryptography;
using GPhotosFs.Cli.Daemon;
using GPhotosFs.IntegrationTests.Infrastructure;

namespace GPhotosFs.IntegrationTests;

/// <summary>
/// <c>mount -t fuse.gphotosfs LIBRARY DIR -o OPTS</c> through the real util-linux mount and fuse3's
/// mount.fuse3, which runs "gphotosfs LIBRARY DIR -o OPTS" with PATH removed (so /bin/sh's default
/// PATH, which includes /usr/local/sbin, finds the binary this test links there).
/// </summary>
public sealed class MountHelperTests(DemoLibrary demo) : IClassFixture<DemoLibrary>
{
    private static readonly HashSet<string> Commands = ["mount", "unmount", "status", "init", "demo", "prefetch"];

    [Theory]
    [InlineData("/lib /mnt -o rw,noxattr,dev,suid", "mount /mnt --library /lib -o noxattr,dev,suid")]
    [InlineData("/lib /mnt -o rw", "mount /mnt --library /lib")]
    [InlineData("/lib /mnt -n -o allow_other,_netdev,nofail,x-systemd.automount", "mount /mnt --library /lib -o allow_other,_netdev,nofail,x-systemd.automount")]
    [InlineData("/lib /mnt -f", "mount /mnt --library /lib --foreground")]
    public void The_mount_helper_form_becomes_a_mount_command(string helperForm, string expected)
    {
        Assert.Equal(expected.Split(' '), MountHelperArguments.Rewrite(helperForm.Split(' '), Commands));
    }

    [Theory]
    [InlineData("mount /mnt --library /lib")]
    [InlineData("status --json")]
    [InlineData("--help")]
    [InlineData("/lib")]
    public void Ordinary_command_lines_are_left_alone(string commandLine)
    {
        Assert.Null(MountHelperArguments.Rewrite(commandLine.Split(' '), Commands));
    }

    [SystemFact("mount", "umount", "mount.fuse3")]
    public void Mount_t_fuse_gphotosfs_mounts_in_the_background_and_umount_ends_the_daemon()
    {
        using var helper = HelperOnDefaultPath.Install();
        using var mountPoint = new TempFolder();
        var item = demo.Items()[0];

        var mounted = Tools.Run("mount", "-t", "fuse.gphotosfs", demo.Folder, mountPoint.Path, "-o", "noxattr,_netdev,nofail,x-systemd.automount");

        mounted.AssertSuccess("mount -t fuse.gphotosfs");
        var line = File.ReadLines("/proc/self/mounts").Single(l => l.Split(' ')[1] == mountPoint.Path);
        Assert.Equal("fuse.gphotosfs", line.Split(' ')[2]);
        Assert.StartsWith("ro,", line.Split(' ')[3]);
        var daemon = MountedLibrary.FindDaemon(mountPoint.Path) ?? throw new InvalidOperationException("no daemon after mount returned");
        Assert.Equal(SHA256.HashData(File.ReadAllBytes(item.OriginalPath)), SHA256.HashData(File.ReadAllBytes(Path.Combine(mountPoint.Path, item.MountPath))));
        Assert.True(File.Exists(Path.Combine(mountPoint.Path, ".gphotosfs", "status.json")));

        Tools.Run("umount", mountPoint.Path).AssertSuccess("umount");

        Assert.False(Tools.IsMounted(mountPoint.Path));
        Assert.True(Tools.WaitUntil(() => !Tools.ProcessExists(daemon), TimeSpan.FromSeconds(60)), "the daemon did not exit after umount");
    }

    [SystemFact("mount", "mount.fuse3")]
    public void A_failing_helper_mount_exits_non_zero_naming_the_library()
    {
        using var helper = HelperOnDefaultPath.Install();
        using var mountPoint = new TempFolder();
        var missing = Path.Combine(mountPoint.Path, "no-such-library");

        var result = Tools.Run("mount", "-t", "fuse.gphotosfs", missing, mountPoint.Path);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains($"no library at {missing}", result.Stderr);
        Assert.False(Tools.IsMounted(mountPoint.Path));
    }

    /// <summary>Links the built CLI as /usr/local/sbin/gphotosfs for the test's duration; refuses to replace a file it did not create.</summary>
    private sealed class HelperOnDefaultPath : IDisposable
    {
        private const string LinkPath = "/usr/local/sbin/gphotosfs";

        private HelperOnDefaultPath()
        {
        }

        public static HelperOnDefaultPath Install()
        {
            if (File.Exists(LinkPath) || new FileInfo(LinkPath).LinkTarget is not null)
            {
                Assert.Fail($"{LinkPath} already exists; this test links the built CLI there and will not replace another one.");
            }

            Directory.CreateDirectory(Path.GetDirectoryName(LinkPath)!);
            File.CreateSymbolicLink(LinkPath, Tools.Gphotosfs);
            return new HelperOnDefaultPath();
        }

        public void Dispose() => File.Delete(LinkPath);
    }
}
