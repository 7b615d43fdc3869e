using GPhotosFs.GoogleEmulator;
using GPhotosFs.IntegrationTests.Infrastructure;

namespace GPhotosFs.IntegrationTests;

/// <summary>
/// Google sources recover by themselves and `status` tells the truth about them: a running mount
/// takes up a fresh `gphotosfs auth`, a new library is healthy after its first good sync (the
/// picker source has nothing to sync and never goes stale), and an unreachable API is reported.
/// </summary>
public sealed class GoogleHealingTests
{
    [FuseFact]
    public async Task A_running_mount_uses_a_new_authorization_without_a_restart()
    {
        await using var account = await GoogleAccount.StartAsync(new EmulatorOptions { ItemCount = 10, AlbumCount = 1, VideoEvery = 0 });
        account.Authorize().AssertSuccess("gphotosfs auth");
        account.Sync().AssertSuccess("gphotosfs sync");
        var files = account.ExpectedFiles();
        using var mount = new MountedLibrary(account.Library, "-o", "prefetch_depth=0");
        Assert.Equal(files[0].Original, File.ReadAllBytes(mount[files[0].MountPath]));

        account.Emulator.OAuth.RevokeAll();
        account.Emulator.Faults.ExpireAllUrls(); // the mount must ask the API (and so the token server) again
        Assert.ThrowsAny<IOException>(() => File.ReadAllBytes(mount[files[1].MountPath]));
        Assert.Equal(10, Tools.RunGphotosfs("status", "--library", account.Library).ExitCode);

        account.Authorize().AssertSuccess("gphotosfs auth again");

        Assert.True(Tools.WaitUntil(() => TryRead(mount[files[1].MountPath]) is not null, TimeSpan.FromSeconds(30)),
            $"the mount still fails after a new authorization; log: {File.ReadAllText(Path.Combine(account.Library, "gphotosfs.log"))}");
        Assert.Equal(files[1].Original, File.ReadAllBytes(mount[files[1].MountPath]));
        var status = Tools.RunGphotosfs("status", "--library", account.Library);
        Assert.True(status.ExitCode == 0, status.Stdout + status.Stderr);
    }

    [Fact]
    public async Task A_new_library_is_healthy_after_its_first_sync_and_unavailable_while_google_cannot_be_reached()
    {
        await using var account = await GoogleAccount.StartAsync(new EmulatorOptions { ItemCount = 12, AlbumCount = 1 });
        account.Authorize().AssertSuccess("gphotosfs auth");
        var first = account.Sync("-v").AssertSuccess("gphotosfs sync");
        Assert.Equal("", first.Stdout); // progress and summary go to stderr: scripts parse stdout
        Assert.Contains("listing items", first.Stderr);

        var healthy = Tools.RunGphotosfs("status", "--library", account.Library);
        Assert.True(healthy.ExitCode == 0, healthy.Stdout + healthy.Stderr);
        account.Sync("--source", "google-picker").AssertSuccess("sync of the picker source");

        var nothingListens = $"http://127.0.0.1:{GoogleAccount.FreePort()}/library/";
        var failed = Tools.RunGphotosfsWith(new Dictionary<string, string?> { ["GPHOTOSFS_LIBRARY_API_URL"] = nothingListens }, "sync", "--library", account.Library);
        Assert.Equal(12, failed.ExitCode); // what status says next: the source is unavailable
        Assert.Contains("cannot be reached", failed.Stderr);

        var unavailable = Tools.RunGphotosfs("status", "--library", account.Library);
        Assert.Equal(12, unavailable.ExitCode);
        Assert.Contains("could not be reached", unavailable.Stdout);

        account.Sync().AssertSuccess("sync once Google answers again");
        Assert.Equal(0, Tools.RunGphotosfs("status", "--library", account.Library).ExitCode);
    }

    [FuseFact]
    public async Task Items_deleted_at_google_leave_the_mount_unless_cached_so_backups_and_prefetch_stay_clean()
    {
        await using var account = await GoogleAccount.StartAsync(new EmulatorOptions { ItemCount = 20, AlbumCount = 1, VideoEvery = 0 });
        account.Authorize().AssertSuccess("gphotosfs auth");
        account.Sync().AssertSuccess("gphotosfs sync");
        var files = account.ExpectedFiles();
        var library = account.Emulator.Library;
        int IndexOf(string mountPath) => Enumerable.Range(0, 20).Single(n => files.First(f => f.MountPath == mountPath).Original.AsSpan().SequenceEqual(library.Bytes(n)));
        var (cachedPath, cachedBytes) = files[0];
        var uncachedPath = files[1].MountPath;
        using var mount = new MountedLibrary(account.Library, "-o", "catalog_poll=1,prefetch_depth=0");
        Assert.Equal(cachedBytes, File.ReadAllBytes(mount[cachedPath])); // now in the cache
        Assert.True(Tools.WaitUntil(() => File.Exists(Path.Combine(account.Library, "cache", cachedPath)), TimeSpan.FromSeconds(30)));

        library.Remove(IndexOf(cachedPath));
        library.Remove(IndexOf(uncachedPath));
        var sync = account.Sync().AssertSuccess("sync after the deletions");
        Assert.Contains("2 newly missing", sync.Stderr);

        Assert.True(Tools.WaitUntil(() => !File.Exists(mount[uncachedPath]), TimeSpan.FromSeconds(30)), "a deleted, never cached item is still listed");
        Assert.Equal(cachedBytes, File.ReadAllBytes(mount[cachedPath])); // the cache is the backup: it stays
        using var copy = new TempFolder();
        Tools.Run("rsync", "-a", mount.Path + "/", copy.Path).AssertSuccess("rsync of the mount after deletions at Google");
        Assert.Equal(19, Directory.GetFiles(Path.Combine(copy.Path, "photos"), "*", SearchOption.AllDirectories).Length);
        Tools.RunGphotosfs("prefetch", "--library", account.Library).AssertSuccess("prefetch after deletions at Google");

        using var catalog = GPhotosFs.Catalog.LibraryCatalog.Open(Path.Combine(account.Library, "catalog.db"), GPhotosFs.Catalog.CatalogAccess.ReadOnly);
        Assert.Equal(2, catalog.ReadTreeItems().Count(i => i.MissingSince is not null)); // kept, marked
    }

    private static byte[]? TryRead(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
