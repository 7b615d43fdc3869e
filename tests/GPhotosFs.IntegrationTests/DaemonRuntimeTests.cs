using GPhotosFs.IntegrationTests.Infrastructure;

namespace GPhotosFs.IntegrationTests;

/// <summary>
/// The mount daemon runs with its GC settings however it was started (the background launcher, or
/// a foreground mount from systemd or a shell, which restarts itself in place), and a value the
/// user exported wins. Read from the running daemon's /proc/PID/environ.
/// </summary>
public sealed class DaemonRuntimeTests(DemoLibrary demo) : IClassFixture<DemoLibrary>
{
    private const string Gen0Size = "DOTNET_GCgen0size";

    [FuseFact]
    public void A_background_mount_starts_its_daemon_with_a_small_youngest_generation()
    {
        using var mount = new MountedLibrary(demo.Folder);
        Assert.Equal("0x200000", EnvironmentOf(mount.DaemonPid).GetValueOrDefault(Gen0Size));
    }

    [FuseFact]
    public void A_foreground_mount_restarts_itself_in_place_with_it_and_a_users_own_value_is_kept()
    {
        using var folder = new TempFolder();
        var plain = Path.Combine(folder.Path, "plain");
        var own = Path.Combine(folder.Path, "own");
        Directory.CreateDirectory(plain);
        Directory.CreateDirectory(own);
        using var first = Tools.Start(Tools.Gphotosfs, "mount", plain, "--library", demo.Folder, "--foreground");
        try
        {
            Assert.True(Tools.WaitUntil(() => Tools.IsMounted(plain), TimeSpan.FromSeconds(60)), "the foreground mount did not come up");
            // The same process (execve keeps the PID: systemd's MAINPID stays right), now with the setting.
            Assert.Equal("0x200000", EnvironmentOf(first.Id).GetValueOrDefault(Gen0Size));
        }
        finally
        {
            Stop(first, plain);
        }

        using var second = Tools.Start(Tools.Gphotosfs, new Dictionary<string, string?> { [Gen0Size] = "0x400000" }, "mount", own, "--library", demo.Folder, "--foreground");
        try
        {
            Assert.True(Tools.WaitUntil(() => Tools.IsMounted(own), TimeSpan.FromSeconds(60)), "the foreground mount did not come up");
            Assert.Equal("0x400000", EnvironmentOf(second.Id).GetValueOrDefault(Gen0Size));
        }
        finally
        {
            Stop(second, own);
        }
    }

    private static Dictionary<string, string> EnvironmentOf(int pid) =>
        File.ReadAllText($"/proc/{pid}/environ").Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Select(v => v.Split('=', 2))
            .GroupBy(kv => kv[0]).ToDictionary(g => g.Key, g => g.Last().Length > 1 ? g.Last()[1] : "");

    private static void Stop(System.Diagnostics.Process daemon, string mountPoint)
    {
        if (!daemon.HasExited)
        {
            Tools.Signal(daemon.Id, "TERM");
            if (!daemon.WaitForExit(TimeSpan.FromSeconds(60)))
            {
                Tools.Run("fusermount3", "-uz", mountPoint);
                daemon.Kill();
            }
        }
    }
}
