using System.Text.Json;
using GPhotosFs.IntegrationTests.Infrastructure;
using GPhotosFs.Takeout.Samples;

namespace GPhotosFs.IntegrationTests;

/// <summary>
/// Unattended Takeout: the sync timer's `gphotosfs sync` checks that every indexed archive is still
/// there, pings the health check around it, and `status` turns unhealthy while one is gone.
/// </summary>
public sealed class TakeoutSyncTests
{
    private const string CheckPath = "/ping/5f1c2a9e-0000-4000-8000-00000000beef";

    [Fact]
    public async Task Sync_checks_the_archives_pings_around_it_and_status_follows_a_missing_one()
    {
        await using var receiver = await PingReceiver.StartAsync();
        using var temp = new TempFolder();
        var library = Path.Combine(temp.Path, "library");
        var env = new Dictionary<string, string?> { ["GPHOTOSFS_CONFIG_DIR"] = Path.Combine(temp.Path, "config") };
        var parts = TakeoutExportWriter.WriteZip(Path.Combine(temp.Path, "exports"), SampleTakeout.OlderExport, SampleTakeout.OlderShowcase(), parts: 2, deflate: false);
        Tools.RunGphotosfsWith(env, "init", "--library", library, "--healthcheck-url", receiver.CheckUrl.AbsoluteUri).AssertSuccess("gphotosfs init");
        Tools.RunGphotosfsWith(env, ["takeout", "add", .. parts, "--library", library]).AssertSuccess("takeout add");

        // All archives in place: a good sync, pinged as one, and a healthy status.
        var sync = await Task.Run(() => Tools.RunGphotosfsWith(env, "sync", "--library", library));
        sync.AssertSuccess("gphotosfs sync");
        Assert.Contains("takeout: ok", sync.Stderr, StringComparison.Ordinal);
        Assert.Equal([CheckPath + "/start", CheckPath], receiver.Paths);
        Assert.Equal(0, Tools.RunGphotosfsWith(env, "status", "--library", library).ExitCode);

        // An archive deleted on the NAS: the sync fails naming it, the check gets /fail with that
        // line, and sync and status exit 12 (source unavailable) with the archive in its JSON.
        var moved = parts[1] + ".away";
        File.Move(parts[1], moved);
        var failed = await Task.Run(() => Tools.RunGphotosfsWith(env, "sync", "--library", library));
        Assert.Equal(12, failed.ExitCode); // the code status gives it next
        Assert.Contains(Path.GetFileName(parts[1]), failed.Stderr, StringComparison.Ordinal);
        Assert.Equal([CheckPath + "/start", CheckPath, CheckPath + "/start", CheckPath + "/fail"], receiver.Paths);
        Assert.Contains(Path.GetFileName(parts[1]), receiver.Received.Last().Body, StringComparison.Ordinal);
        var status = Tools.RunGphotosfsWith(env, "status", "--json", "--library", library);
        Assert.Equal(12, status.ExitCode);
        using (var json = JsonDocument.Parse(status.Stdout))
        {
            Assert.Contains(Path.GetFileName(parts[1]), json.RootElement.GetProperty("sources")[0].ToString(), StringComparison.Ordinal);
        }

        // Put back: the next sync is good again and so is the status.
        File.Move(moved, parts[1]);
        (await Task.Run(() => Tools.RunGphotosfsWith(env, "sync", "--library", library))).AssertSuccess("sync with the archive back");
        Assert.Equal(0, Tools.RunGphotosfsWith(env, "status", "--library", library).ExitCode);
        Assert.Equal(CheckPath, receiver.Paths[^1]);
    }
}
