using System.Text.Json;
using GPhotosFs.GoogleEmulator;
using GPhotosFs.IntegrationTests.Infrastructure;

namespace GPhotosFs.IntegrationTests;

/// <summary>
/// The Google sources end to end: the real CLI authorizes, syncs and picks against the local
/// emulator, and a real mount serves what it recorded to real clients (rsync, find).
/// </summary>
public sealed class GoogleSourceTests
{
    [FuseFact]
    public async Task Authorize_sync_ten_thousand_items_and_rsync_the_mount_byte_for_byte_through_url_expiry()
    {
        await using var account = await GoogleAccount.StartAsync(new EmulatorOptions { ItemCount = 10_000, AlbumCount = 8, VideoEvery = 40 });
        var auth = account.Authorize().AssertSuccess("gphotosfs auth");
        Assert.Matches(@"ssh -L (\d+):localhost:\1 ", auth.Stderr);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(account.ConfigFolder, "token.json")));

        var sync = account.Sync().AssertSuccess("gphotosfs sync");
        Assert.Contains("10,000 items seen, 10,000 new", sync.Stderr);
        Assert.Equal(100, account.Emulator.Counters["mediaItems.list"]);

        var expected = account.ExpectedFiles();
        Assert.Equal(10_000, expected.Count);
        using var mount = new MountedLibrary(account.Library);
        using var copy = new TempFolder();
        // Half the tree, then every download URL expires (as after an hour), then all of it.
        Directory.CreateDirectory(Path.Combine(copy.Path, "photos"));
        Tools.Run("rsync", "-a", mount["photos/2016"], Path.Combine(copy.Path, "photos")).AssertSuccess("rsync of 2016");
        account.Emulator.Faults.ExpireAllUrls();
        Tools.Run("rsync", "-a", mount.Path + "/", copy.Path).AssertSuccess("rsync of the mount");

        foreach (var (path, original) in expected)
        {
            Assert.True(original.AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(copy.Path, path))), $"{path} differs from Google's original");
        }

        foreach (var album in account.Emulator.Library.Albums())
        {
            var folder = Path.Combine(copy.Path, "albums", album.Title.Replace('/', '_'));
            Assert.Equal(album.ItemIndexes.Count, Directory.GetFileSystemEntries(folder).Length);
        }

        // Everything is cached now: a second rsync of the mount asks Google nothing.
        var before = account.Emulator.Counters.Total;
        using var again = new TempFolder();
        Tools.Run("rsync", "-a", mount.Path + "/", again.Path).AssertSuccess("second rsync");
        Assert.Equal(before, account.Emulator.Counters.Total);
    }

    [Fact]
    public async Task A_sync_through_429_storms_and_an_access_token_expiring_mid_sync_succeeds()
    {
        await using var account = await GoogleAccount.StartAsync(new EmulatorOptions { ItemCount = 700, AlbumCount = 2 });
        account.Authorize().AssertSuccess("gphotosfs auth");
        account.Emulator.Faults.RetryAfter = TimeSpan.FromSeconds(1);
        account.Emulator.Faults.ApiStorm(3);
        account.Emulator.Faults.MediaStorm(40);
        account.Emulator.Faults.ExpireAccessTokensAfter(4);

        var sync = account.Sync().AssertSuccess("gphotosfs sync");

        Assert.Contains("700 items seen", sync.Stderr);
        Assert.Equal(700, account.ExpectedFiles().Count);
        Assert.Equal(43, account.Emulator.Counters["status.429"]);
    }

    [Fact]
    public async Task A_revoked_grant_fails_sync_with_a_clear_message_and_marks_the_source_unhealthy()
    {
        await using var account = await GoogleAccount.StartAsync(new EmulatorOptions { ItemCount = 30 });
        account.Authorize().AssertSuccess("gphotosfs auth");
        account.Sync().AssertSuccess("first sync");
        account.Emulator.OAuth.RevokeAll();

        var sync = account.Sync();

        Assert.Equal(10, sync.ExitCode); // auth broken, as status says
        Assert.Contains("run `gphotosfs auth` again", sync.Stderr);
        Assert.DoesNotContain("ya29.", sync.Stderr);
        Assert.DoesNotContain("1//", sync.Stderr);
        using var health = JsonDocument.Parse(File.ReadAllText(Path.Combine(account.Library, "state", "source-1.json")));
        Assert.Equal("broken", health.RootElement.GetProperty("authState").GetString());
        Assert.Equal(30, account.ExpectedFiles().Count); // what was synced stays
    }

    [Fact]
    public async Task Sync_without_authorization_says_what_to_do()
    {
        await using var account = await GoogleAccount.StartAsync(new EmulatorOptions { ItemCount = 3 });
        var sync = account.Sync();
        Assert.Equal(1, sync.ExitCode);
        Assert.Contains("gphotosfs auth", sync.Stderr);
    }

    [FuseFact]
    public async Task Pick_downloads_the_picked_originals_into_an_album_that_the_mount_shows()
    {
        await using var account = await GoogleAccount.StartAsync(new EmulatorOptions { ItemCount = 60, VideoEvery = 10 });
        account.Authorize().AssertSuccess("gphotosfs auth");
        using var pick = Tools.Start(Tools.Gphotosfs, "pick", "--library", account.Library, "--album", "Picked for you");
        var stderr = pick.StandardError.ReadToEndAsync();
        var pickerUri = pick.StandardOutput.ReadLine();
        Assert.StartsWith(account.Emulator.BaseUri.ToString(), pickerUri);
        await Task.Delay(500); // the user looks at the QR code; gphotosfs polls
        using (var phone = new HttpClient())
        {
            (await phone.GetAsync(pickerUri + "?items=4,9,31")).EnsureSuccessStatusCode();
        }

        Assert.True(pick.WaitForExit(TimeSpan.FromSeconds(60)), "pick did not finish");
        Assert.True(pick.ExitCode == 0, await stderr);
        Assert.Contains("Picked 3 items", await stderr);
        Assert.Contains("█", await stderr); // the QR code
        Assert.Equal(0, account.Emulator.Sessions.Count);

        var downloads = account.Emulator.Counters["download"];
        using var mount = new MountedLibrary(account.Library);
        var album = mount["albums/Picked for you"];
        var names = Directory.GetFileSystemEntries(album).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(3, names.Count);
        foreach (var n in new[] { 4, 9, 31 })
        {
            var item = account.Emulator.Library.Item(n);
            var path = Path.Combine(mount.Path, "photos", item.CreationTime.ToString("yyyy"), item.CreationTime.ToString("MM"), item.FileName);
            Assert.Equal(account.Emulator.Library.Bytes(n), File.ReadAllBytes(path));
        }

        Assert.Equal(downloads, account.Emulator.Counters["download"]); // served from the cache the pick filled
    }

    [FuseFact]
    public async Task A_mount_with_sync_interval_shows_new_uploads_without_a_remount()
    {
        await using var account = await GoogleAccount.StartAsync(new EmulatorOptions { ItemCount = 20, AlbumCount = 1 });
        account.Authorize().AssertSuccess("gphotosfs auth");
        account.Sync().AssertSuccess("gphotosfs sync");
        using var mount = new MountedLibrary(account.Library, "-o", "sync_interval=10,catalog_poll=1");
        int Files() => Directory.EnumerateFiles(mount["photos"], "*", SearchOption.AllDirectories).Count();
        Assert.Equal(20, Files());

        account.Emulator.Library.Add(5);

        var appeared = Tools.WaitUntil(() => Files() == 25, TimeSpan.FromSeconds(30));
        var listed = Directory.EnumerateFiles(mount["photos"], "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(mount.Path, f)).ToHashSet();
        var missing = account.ExpectedFiles().Select(f => f.MountPath).Where(p => !listed.Contains(p)).ToList();
        var diagnosis = string.Join("; ", missing.Select(p => $"{p}: dir exists {Directory.Exists(mount[Path.GetDirectoryName(p)!])}, exists {File.Exists(mount[p])}, listed in parent {Directory.GetDirectories(mount[Path.GetDirectoryName(Path.GetDirectoryName(p))!]).Contains(mount[Path.GetDirectoryName(p)!])}, in dir listing {Directory.GetFiles(mount[Path.GetDirectoryName(p)!]).Length}"));
        Assert.True(appeared, $"the mount shows {Files()} files, not 25; missing: {diagnosis}; log: {File.ReadAllText(Path.Combine(account.Library, "gphotosfs.log"))}");
    }
}
