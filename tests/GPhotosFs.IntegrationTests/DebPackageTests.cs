using System.Security.Cryptography;
using GPhotosFs.IntegrationTests.Infrastructure;

namespace GPhotosFs.IntegrationTests;

/// <summary>
/// packaging/build-deb.sh end to end on this machine: build the .deb (one self-contained publish,
/// about a minute and a half), install it with dpkg, mount the demo library through the installed
/// mount helper with mount -t fuse.gphotosfs, unmount, and dpkg -r it without a trace.
/// </summary>
public sealed class DebPackageTests(DemoLibrary demo) : IClassFixture<DemoLibrary>
{
    [SystemFact("dpkg", "dpkg-deb", "mount", "umount", "systemd-analyze")]
    public void The_deb_installs_mounts_through_mount_t_fuse_gphotosfs_and_removes_cleanly()
    {
        Assert.False(IsInstalled(), "a gphotosfs package is already installed here; this test installs and removes its own and will not touch that one.");
        using var output = new TempFolder();
        var builtBefore = BuildOutputs();
        Assert.NotEmpty(builtBefore); // the suite runs from the repository's own build
        var build = Tools.Run(Path.Combine(SystemdUnitTests.RepositoryRoot(), "packaging", "build-deb.sh"), TimeSpan.FromMinutes(10), output.Path);
        build.AssertSuccess("packaging/build-deb.sh");
        // Test projects building beside this one copy these files: the package build must leave them be.
        var removed = builtBefore.Except(BuildOutputs()).ToList();
        Assert.True(removed.Count == 0, $"build-deb.sh deleted {removed.Count} files of the repository's own build, e.g. {string.Join(", ", removed.Take(5))}");
        var deb = build.Stdout.Trim().Split('\n').Last();
        Assert.True(File.Exists(deb), $"build-deb.sh printed '{deb}', which does not exist");
        var control = Tools.Run("dpkg-deb", "--field", deb, "Depends").AssertSuccess("dpkg-deb --field").Stdout;
        Assert.Contains("fuse3", control);
        // The bundled runtime aborts without ICU ("Couldn't find a valid ICU package") and cannot do HTTPS without OpenSSL.
        Assert.Contains("libicu72", control);
        Assert.Contains("libssl3", control);

        var installed = false;
        try
        {
            Tools.Run("dpkg", "-i", deb).AssertSuccess("dpkg -i");
            installed = true;
            var files = Tools.Run("dpkg", "-L", "gphotosfs").AssertSuccess("dpkg -L").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            foreach (var expected in new[] { "/usr/bin/gphotosfs", "/sbin/mount.fuse.gphotosfs", "/lib/systemd/system/gphotosfs@.service", "/lib/systemd/system/gphotosfs-sync@.timer", "/usr/share/doc/gphotosfs/README.md" })
            {
                Assert.Contains(expected, files);
            }

            Assert.Contains("Usage:", Tools.Run("/usr/bin/gphotosfs", "status", "--help").AssertSuccess("installed gphotosfs --help").Stdout);
            var verify = Tools.Run("systemd-analyze", TimeSpan.FromMinutes(2), "verify", "/lib/systemd/system/gphotosfs@.service", "/lib/systemd/system/gphotosfs-sync@.service", "/lib/systemd/system/gphotosfs-sync@.timer");
            Assert.True(verify.ExitCode == 0 && (verify.Stderr + verify.Stdout).Trim().Length == 0, $"installed units: {verify.Stderr}{verify.Stdout}");

            MountThroughInstalledHelper();

            Tools.Run("dpkg", "-r", "gphotosfs").AssertSuccess("dpkg -r");
            installed = false;
            var left = files.Where(f => f.StartsWith("/usr/lib/gphotosfs", StringComparison.Ordinal) || f.Contains("gphotosfs", StringComparison.Ordinal))
                .Where(f => File.Exists(f) || Directory.Exists(f) || new FileInfo(f).LinkTarget is not null).ToList();
            Assert.True(left.Count == 0, $"dpkg -r left behind: {string.Join(", ", left.Take(10))}");
            Assert.False(IsInstalled(), "dpkg still lists gphotosfs after dpkg -r");
        }
        finally
        {
            if (installed)
            {
                Tools.Run("dpkg", "-r", "gphotosfs");
            }
        }
    }

    /// <summary>The symbol and documentation files of the repository's own Release build of the libraries.</summary>
    private static HashSet<string> BuildOutputs()
    {
        var bin = Path.Combine(SystemdUnitTests.RepositoryRoot(), "artifacts", "bin");
        return Directory.Exists(bin)
            ? Directory.EnumerateFiles(bin, "*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".pdb", StringComparison.Ordinal) || f.EndsWith(".xml", StringComparison.Ordinal))
                .Where(f => f.Contains($"{Path.DirectorySeparatorChar}release{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                .ToHashSet()
            : [];
    }

    /// <summary>dpkg knows nothing of it, or only that it is gone ("not-installed"; no conffiles are left to purge).</summary>
    private static bool IsInstalled()
    {
        var query = Tools.Run("dpkg-query", "-W", "-f=${Status}", "gphotosfs");
        return query.ExitCode == 0 && !query.Stdout.Contains("not-installed", StringComparison.Ordinal);
    }

    private void MountThroughInstalledHelper()
    {
        using var mountPoint = new TempFolder();
        var item = demo.Items()[0];

        // No gphotosfs on PATH for mount(8) at all: util-linux finds /sbin/mount.fuse.gphotosfs itself.
        Tools.Run("mount", "-t", "fuse.gphotosfs", demo.Folder, mountPoint.Path, "-o", "allow_other,_netdev,nofail").AssertSuccess("mount -t fuse.gphotosfs (installed)");
        var daemon = MountedLibrary.FindDaemon(mountPoint.Path) ?? throw new InvalidOperationException("no daemon after mount returned");
        try
        {
            Assert.Equal("/usr/lib/gphotosfs/gphotosfs", new FileInfo($"/proc/{daemon}/exe").LinkTarget);
            Assert.Equal(SHA256.HashData(File.ReadAllBytes(item.OriginalPath)), SHA256.HashData(File.ReadAllBytes(Path.Combine(mountPoint.Path, item.MountPath))));
            Assert.True(File.Exists(Path.Combine(mountPoint.Path, ".gphotosfs", "status.json")));
        }
        finally
        {
            Tools.Run("umount", mountPoint.Path).AssertSuccess("umount");
        }

        Assert.True(Tools.WaitUntil(() => !Tools.ProcessExists(daemon), TimeSpan.FromSeconds(60)), "the installed daemon did not exit after umount");
    }
}
