using System.Text.Json;
using System.Text.RegularExpressions;
using GPhotosFs.GoogleEmulator;
using GPhotosFs.IntegrationTests.Infrastructure;

namespace GPhotosFs.IntegrationTests;

/// <summary>
/// Google's two daily quotas through the real CLI and mount: a used-up download quota stops only
/// downloads (sync still lists), reads fail at once without asking Google, the mount log and
/// `status` name the same recheck time, the log says it once, and after Google resets the quota one
/// probe request reopens it by itself; an API 429 with Retry-After blocks only that long.
/// </summary>
public sealed class GoogleQuotaTests
{
    [FuseFact]
    public async Task A_used_up_media_quota_blocks_only_downloads_and_heals_after_googles_reset_with_one_probe()
    {
        await using var account = await GoogleAccount.StartAsync(new EmulatorOptions { ItemCount = 30, AlbumCount = 1, VideoEvery = 0 });
        account.SetEnvironment("GPHOTOSFS_GOOGLE_QUOTA_RECHECK", "15");
        account.Authorize().AssertSuccess("gphotosfs auth");
        account.Sync().AssertSuccess("gphotosfs sync");
        var files = account.ExpectedFiles();
        using var mount = new MountedLibrary(account.Library, "-o", "prefetch_depth=0");
        Assert.Equal(files[0].Original, File.ReadAllBytes(mount[files[0].MountPath]));

        account.Emulator.Faults.ExhaustMediaQuota();
        Assert.ThrowsAny<IOException>(() => File.ReadAllBytes(mount[files[1].MountPath]));

        // status and the mount's log name one recheck time.
        var status = Tools.RunGphotosfs("status", "--library", account.Library, "--json");
        Assert.Equal(11, status.ExitCode);
        using (var document = JsonDocument.Parse(status.Stdout))
        {
            var google = document.RootElement.GetProperty("sources").EnumerateArray().Single(s => s.GetProperty("kind").GetString() == "google-library");
            Assert.Contains("media", google.GetProperty("quota_message").GetString());
            var shown = google.GetProperty("quota_exhausted_until").GetDateTimeOffset().UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss");
            Assert.Contains(shown, File.ReadAllText(Path.Combine(account.Library, "gphotosfs.log")));
        }

        for (var i = 2; i < 22; i++)
        {
            Assert.ThrowsAny<IOException>(() => File.ReadAllBytes(mount[files[i].MountPath]));
        }

        // Listing is another quota: a sync works while downloads wait.
        account.Sync().AssertSuccess("gphotosfs sync while the media quota is used up");

        // Google resets the quota: a read soon gets through, by itself, without a remount.
        account.Emulator.Faults.ResetQuotas();
        Assert.True(Tools.WaitUntil(() => TryRead(mount[files[22].MountPath]) is not null, TimeSpan.FromSeconds(60)), "reads still fail after Google reset the quota");
        for (var i = 1; i < files.Count; i++)
        {
            Assert.Equal(files[i].Original, File.ReadAllBytes(mount[files[i].MountPath]));
        }

        // One line when the quota ran out, one per failed recheck, one when it reopened: never one per read.
        var log = File.ReadAllText(Path.Combine(account.Library, "gphotosfs.log"));
        var quotaLines = Regex.Matches(log, "quota", RegexOptions.IgnoreCase).Count;
        var refusals = account.Emulator.Counters["status.429"];
        Assert.True(quotaLines <= refusals + 2, $"{quotaLines} log lines about the quota for {refusals} refusals by Google:\n{log}");
        Assert.Contains("is available again", log);
    }

    [Fact]
    public async Task An_api_quota_429_with_retry_after_blocks_sync_only_that_long()
    {
        await using var account = await GoogleAccount.StartAsync(new EmulatorOptions { ItemCount = 20, AlbumCount = 1 });
        account.Authorize().AssertSuccess("gphotosfs auth");
        account.Emulator.Faults.QuotaRetryAfter = TimeSpan.FromSeconds(2);
        account.Emulator.Faults.ExhaustApiQuota();

        var refused = account.Sync();
        Assert.Equal(11, refused.ExitCode); // quota exhausted, as status says
        Assert.Contains("quota", refused.Stderr);
        var asked = account.Emulator.Counters.Total;
        var fast = account.Sync(); // within the Retry-After: refused without asking Google
        Assert.Equal(11, fast.ExitCode);

        account.Emulator.Faults.ResetQuotas();
        Assert.True(Tools.WaitUntil(() => account.Sync().ExitCode == 0, TimeSpan.FromSeconds(30)), "sync is still refused after the Retry-After passed and Google reset the quota");
        Assert.Equal(20, account.ExpectedFiles().Count);
        Assert.True(account.Emulator.Counters.Total - asked < 200, "the recheck was a storm, not a probe");
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
