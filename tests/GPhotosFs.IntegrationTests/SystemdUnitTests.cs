using GPhotosFs.IntegrationTests.Infrastructure;

namespace GPhotosFs.IntegrationTests;

/// <summary>The units in packaging/systemd pass systemd-analyze verify with no complaint at all.</summary>
public sealed class SystemdUnitTests
{
    private static readonly string Units = Path.Combine(RepositoryRoot(), "packaging", "systemd");

    [SystemFact("systemd-analyze")]
    public void Every_unit_verifies_cleanly()
    {
        using var copy = new TempFolder();
        var names = Directory.GetFiles(Units).Select(Path.GetFileName).ToList();
        Assert.Contains("gphotosfs@.service", names);
        Assert.Contains("gphotosfs-sync@.service", names);
        Assert.Contains("gphotosfs-sync@.timer", names);
        Assert.Contains("mnt-photos.mount", names);
        Assert.Contains("mnt-photos.automount", names);
        foreach (var name in names)
        {
            // verify checks that ExecStart's program exists: point it at the built CLI (the package installs /usr/bin/gphotosfs).
            File.WriteAllText(Path.Combine(copy.Path, name!), File.ReadAllText(Path.Combine(Units, name!)).Replace("/usr/bin/gphotosfs", Tools.Gphotosfs, StringComparison.Ordinal));
        }

        var result = Tools.Run("systemd-analyze", TimeSpan.FromMinutes(2), null, ["verify", .. names.Select(n => Path.Combine(copy.Path, n!))]);

        Assert.True(result.ExitCode == 0 && result.Stderr.Trim().Length == 0 && result.Stdout.Trim().Length == 0,
            $"systemd-analyze verify exited {result.ExitCode}: {result.Stderr}{result.Stdout}");
    }

    [SystemFact("systemd-analyze")]
    public void Verify_does_complain_about_a_broken_unit()
    {
        // The check above can fail: a misspelt key is reported.
        using var copy = new TempFolder();
        var unit = Path.Combine(copy.Path, "broken.service");
        File.WriteAllText(unit, File.ReadAllText(Path.Combine(Units, "gphotosfs-sync@.service")).Replace("Nice=10", "Nicety=10", StringComparison.Ordinal).Replace("/usr/bin/gphotosfs", Tools.Gphotosfs, StringComparison.Ordinal));

        var result = Tools.Run("systemd-analyze", TimeSpan.FromMinutes(2), "verify", unit);

        Assert.Contains("Nicety", result.Stderr + result.Stdout);
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GPhotosFs.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("GPhotosFs.sln not found above the test folder");
    }
}
