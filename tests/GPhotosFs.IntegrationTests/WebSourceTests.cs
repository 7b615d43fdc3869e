using GPhotosFs.IntegrationTests.Infrastructure;
using GPhotosFs.Web;
using GPhotosFs.WebEmulator;

namespace GPhotosFs.IntegrationTests;

/// <summary>
/// The web source end to end: the real CLI signs in, syncs through the emulated photos.google.com in
/// real headless Chromium, and a real mount serves what it cached.
/// </summary>
public sealed class WebSourceTests
{
    [FuseFact]
    public async Task Sign_in_sync_and_mount_every_original_in_its_month_and_albums_then_only_new_items_then_deletions()
    {
        await using var account = await WebAccount.StartAsync(new WebEmulatorOptions { ItemCount = 12, ProcessingItems = [4], AlbumCount = 2 });
        (await account.SignInWithCookiesAsync()).AssertSuccess("gphotosfs web login --cookies");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(account.Profile));

        var sync = account.Sync().AssertSuccess("gphotosfs sync");

        Assert.Contains("12 items seen", sync.Stderr);
        Assert.Contains("still processing", sync.Stderr);
        using (var mount = new MountedLibrary(account.Library))
        {
            Assert.Equal(account.ExpectedTree(), WebAccount.TreeOf(mount.Path));
            foreach (var album in account.Emulator.Library.Albums())
            {
                var expected = album.ItemIndexes.Select(account.Emulator.Library.Item).Where(i => i.Kind != WebItemKind.ProcessingVideo).Select(i => i.FileName).Order();
                Assert.Equal(expected, Directory.GetFileSystemEntries(mount[Path.Combine("albums", album.Title)]).Select(Path.GetFileName).Order());
            }
        }

        var downloads = account.Emulator.Counters.Downloads;
        account.Emulator.Library.Add(5);
        var second = account.Sync().AssertSuccess("second gphotosfs sync");
        Assert.Equal(downloads + 5, account.Emulator.Counters.Downloads); // only the new ones
        var everything = account.ExpectedTree();

        var deleted = account.Emulator.Library.Item(2);
        account.Emulator.Library.Remove(2);
        var full = account.Sync("--full").AssertSuccess("gphotosfs sync --full");
        Assert.Contains("1 newly missing", full.Stderr);
        var kept = everything.Keys.Single(p => p.EndsWith(deleted.FileName, StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(account.CacheFolder, kept)), "the deleted item's cached original is kept");
        using (var mount = new MountedLibrary(account.Library))
        {
            Assert.Equal(everything, WebAccount.TreeOf(mount.Path)); // a missing item whose original is cached stays readable
        }
    }

    [Fact]
    public async Task Headed_web_login_under_xvfb_where_the_user_signs_in_by_hand_puts_a_session_in_the_profile()
    {
        await using var account = await WebAccount.StartAsync(new WebEmulatorOptions { ItemCount = 4, AlbumCount = 0, MotionEvery = 0 });
        var stale = Path.Combine(account.ConfigFolder, "stale-cookies.txt");
        File.WriteAllText(stale, $"127.0.0.1\tFALSE\t/\tFALSE\t0\t{WebEmulatorServer.SessionCookie}\tEXPIRED0000\n");
        Assert.Equal(10, Tools.RunGphotosfs("web", "login", "--library", account.Library, "--cookies", stale).ExitCode); // a session Google no longer knows
        Assert.Equal(10, account.Status().ExitCode);

        // No --cookies: a normal Chromium window on xvfb's display, where the emulator plays the user
        // (follows "Go to Google Photos", types the email and password, presses Next); gphotosfs types nothing.
        account.Emulator.UserSignsInByHand = true;
        var login = Tools.Run("xvfb-run", TimeSpan.FromMinutes(3), ["-a", Tools.Gphotosfs, "web", "login", "--library", account.Library, "--timeout", "2"]);

        login.AssertSuccess("gphotosfs web login under xvfb-run");
        Assert.Contains("Sign in to Google in the Chromium window", login.Stderr);
        Assert.Contains("Signed in (signed in in Chromium)", login.Stderr);
        Assert.Empty(ChromiumProcesses.OnProfile(account.Profile));
        var status = account.Status();
        Assert.NotEqual(10, status.ExitCode);
        account.Sync().AssertSuccess("gphotosfs sync with the session the window left in the profile");
        Assert.Equal(account.ExpectedTree(), WebAccount.TreeOf(account.CacheFolder));
        Assert.Equal(0, account.Status().ExitCode);
    }

    [Fact]
    public async Task A_session_that_expires_mid_sync_is_exit_10_with_the_remedy_and_a_fail_ping_and_no_retry_loop()
    {
        await using var account = await WebAccount.StartAsync(new WebEmulatorOptions { ItemCount = 8, AlbumCount = 0 });
        await using var pings = await PingReceiver.StartAsync();
        (await account.SignInWithCookiesAsync()).AssertSuccess("gphotosfs web login --cookies");
        account.Emulator.Faults.ExpireSessionAfter(2);

        var sync = account.Sync("--healthcheck-url", pings.CheckUrl.ToString());

        Assert.Equal(10, sync.ExitCode);
        Assert.Contains("run `gphotosfs web login`", sync.Stderr);
        Assert.True(account.Emulator.Counters.ItemPages <= 4, $"{account.Emulator.Counters.ItemPages} item pages: no retry loop once signed out");
        Assert.Contains(pings.Paths, p => p.EndsWith("/fail", StringComparison.Ordinal));
        var status = account.Status();
        Assert.Equal(10, status.ExitCode);
        Assert.Contains("run `gphotosfs web login`", status.Stdout + status.Stderr);
        Assert.Empty(ChromiumProcesses.OnProfile(account.Profile));
    }

    [Fact]
    public async Task A_renamed_label_is_exit_12_the_web_ui_changed_with_a_screenshot_named_in_the_log()
    {
        await using var account = await WebAccount.StartAsync(new WebEmulatorOptions { ItemCount = 25, AlbumCount = 0 });
        (await account.SignInWithCookiesAsync()).AssertSuccess("gphotosfs web login --cookies");
        account.Emulator.Faults.RenameLabel("Photo - ", "Picture - ");
        account.Emulator.Faults.RenameLabel("Video - ", "Clip - ");

        var sync = account.Sync();

        Assert.Equal(12, sync.ExitCode);
        Assert.Contains("the web UI changed", sync.Stderr);
        var evidence = Directory.GetDirectories(Path.Combine(account.Library, "state", "web-failures")).Single();
        Assert.Contains($"screenshot and HTML in {evidence}", sync.Stderr);
        Assert.True(new FileInfo(Path.Combine(evidence, "page.png")).Length > 1000, "a screenshot");
        Assert.Contains("Picture - ", File.ReadAllText(Path.Combine(evidence, "page.html")));
        var status = account.Status();
        Assert.Equal(12, status.ExitCode);
        Assert.Contains("the web UI changed", status.Stdout + status.Stderr);
    }

    [FuseFact]
    public async Task Kill_9_of_the_daemon_mid_download_leaves_no_chromium_and_nothing_partial_in_the_cache()
    {
        await using var account = await WebAccount.StartAsync(new WebEmulatorOptions { ItemCount = 40, AlbumCount = 0 });
        (await account.SignInWithCookiesAsync()).AssertSuccess("gphotosfs web login --cookies");
        account.Emulator.Faults.PageDelay = TimeSpan.FromMilliseconds(300); // downloads take a while: the kill lands mid-run
        using var mount = new MountedLibrary(account.Library, "-o", "sync_interval=10");
        Assert.True(Tools.WaitUntil(() => account.Emulator.Counters.Downloads >= 3, TimeSpan.FromMinutes(2)), "the mount's sync started no download");
        Assert.NotEmpty(ChromiumProcesses.OnProfile(account.Profile));

        Tools.Signal(mount.DaemonPid, "KILL");

        Assert.True(Tools.WaitUntil(() => ChromiumProcesses.OnProfile(account.Profile).Count == 0, TimeSpan.FromSeconds(30)),
            $"Chromium outlived the killed daemon: pids {string.Join(' ', ChromiumProcesses.OnProfile(account.Profile))}");
        var expected = account.ExpectedTree();
        var cached = Directory.Exists(Path.Combine(account.CacheFolder, "photos")) ? WebAccount.TreeOf(account.CacheFolder) : [];
        Assert.True(account.Emulator.Counters.Downloads < 40, "the kill came after every download");
        foreach (var (path, hash) in cached)
        {
            Assert.True(expected.TryGetValue(path, out var original) && original == hash, $"{path} in cache/ is not a complete original");
        }
    }
}
