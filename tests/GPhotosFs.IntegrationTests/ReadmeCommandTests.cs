using GPhotosFs.IntegrationTests.Infrastructure;
using GPhotosFs.Takeout.Samples;

namespace GPhotosFs.IntegrationTests;

/// <summary>The first README command, as a newcomer runs it: ./mount.sh --demo DIR.</summary>
public sealed class ReadmeCommandTests
{
    [FuseFact]
    public void Mount_sh_demo_builds_creates_and_mounts_the_sample_library()
    {
        var repository = RepositoryRoot();
        using var home = new TempFolder();
        using var mountPoint = new TempFolder();
        var target = Path.Combine(mountPoint.Path, "gp");
        var env = $"XDG_DATA_HOME='{home.Path}' GPHOTOSFS_LIBRARY='{home.Path}/none'";
        try
        {
            var result = Tools.Run("bash", TimeSpan.FromMinutes(8), "-c", $"{env} '{repository}/mount.sh' --demo '{target}'");

            result.AssertSuccess("mount.sh --demo");
            Assert.True(Tools.IsMounted(target));
            var files = Directory.GetFiles(Path.Combine(target, "photos"), "*", SearchOption.AllDirectories);
            Assert.Equal(13, files.Length); // the two sample Takeout exports, merged
            Assert.True(Directory.Exists(Path.Combine(target, "albums", "Summer 2019")));
            var demo = Path.Combine(home.Path, "gphotosfs", "demo");
            Assert.True(File.Exists(Path.Combine(demo, "catalog.db")));
            // Only the older export (.tgz) has this one: the first read extracts it into the cache.
            const string OnlyInTgz = "photos/2022/10/archived.jpg";
            var bytes = File.ReadAllBytes(Path.Combine(target, OnlyInTgz));
            Assert.Equal(bytes, SampleTakeout.OlderShowcase().Single(m => m.Path.EndsWith("/archived.jpg", StringComparison.Ordinal)).Bytes);
            Assert.True(Tools.WaitUntil(() => File.Exists(Path.Combine(demo, "cache", OnlyInTgz)), TimeSpan.FromSeconds(60)), "the tgz member did not reach the cache");
        }
        finally
        {
            var pid = MountedLibrary.FindDaemon(target);
            Tools.Run("fusermount3", "-u", target);
            if (pid is { } daemon)
            {
                Assert.True(Tools.WaitUntil(() => !Tools.ProcessExists(daemon), TimeSpan.FromSeconds(60)), "daemon did not exit after fusermount3 -u");
            }
        }

        Assert.False(Tools.IsMounted(target));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "mount.sh")) && File.Exists(Path.Combine(dir.FullName, "GPhotosFs.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("mount.sh not found above " + AppContext.BaseDirectory);
    }
}
