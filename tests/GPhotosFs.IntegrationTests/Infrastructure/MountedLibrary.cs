namespace GPhotosFs.IntegrationTests.Infrastructure;

/// <summary>
/// A library mounted in the background by the real CLI on a fresh folder. Disposing always
/// unmounts and waits for the daemon to exit, so a failed test never leaves a mount behind.
/// </summary>
internal sealed class MountedLibrary : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("gphotosfs-mnt-");

    public MountedLibrary(string library, params string[] mountArguments)
    {
        Tools.RunGphotosfs(["mount", Path, "--library", library, .. mountArguments]).AssertSuccess("gphotosfs mount");
        Assert.True(Tools.IsMounted(Path), $"{Path} is not mounted after gphotosfs mount returned");
        DaemonPid = FindDaemon(Path) ?? throw new InvalidOperationException($"no daemon process found for {Path}");
    }

    public string Path => _dir.FullName;

    public int DaemonPid { get; }

    public string this[string relative] => System.IO.Path.Combine(Path, relative);

    /// <summary>The daemon serving <paramref name="mountPoint"/>, found by its command line.</summary>
    public static int? FindDaemon(string mountPoint)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(System.IO.Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                var args = File.ReadAllText($"{dir}/cmdline").Split('\0');
                if (args.Contains("mount") && args.Contains(mountPoint) && args.Contains("--foreground"))
                {
                    return pid;
                }
            }
            catch (IOException)
            {
                // the process ended while we looked
            }
        }

        return null;
    }

    public void WaitForDaemonExit()
    {
        Assert.True(Tools.WaitUntil(() => !Tools.ProcessExists(DaemonPid), TimeSpan.FromSeconds(15)), $"daemon {DaemonPid} did not exit");
    }

    public void Dispose()
    {
        if (Tools.IsMounted(Path))
        {
            Tools.Run("fusermount3", "-uz", Path);
        }

        Tools.WaitUntil(() => !Tools.ProcessExists(DaemonPid), TimeSpan.FromSeconds(15));
        _dir.Delete();
    }
}
