using System.Diagnostics;
using GPhotosFs.Cli.Health;
using GPhotosFs.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GPhotosFs.IntegrationTests;

/// <summary>Health pings against a local healthchecks.io stand-in: order, suffixes, bodies, retries, and never holding up the work.</summary>
public sealed class HealthPingTests(DemoLibrary demo) : IClassFixture<DemoLibrary>
{
    private const string CheckPath = "/ping/5f1c2a9e-0000-4000-8000-00000000beef";

    private static readonly PingRetry FastRetry = new(Attempts: 3, FirstDelay: TimeSpan.FromMilliseconds(50), RequestTimeout: TimeSpan.FromSeconds(30));

    [Fact]
    public async Task A_successful_run_pings_start_then_the_plain_url()
    {
        await using var receiver = await PingReceiver.StartAsync();
        using var http = new HttpClient();
        var pinger = new HealthcheckPinger(http, receiver.CheckUrl, NullLogger.Instance, FastRetry);

        var code = await PingedRun.RunAsync(pinger, NullLogger.Instance, _ => Task.FromResult(0));

        Assert.Equal(0, code);
        Assert.Equal([CheckPath + "/start", CheckPath], receiver.Paths);
    }

    [Fact]
    public async Task A_failed_run_pings_fail_with_its_last_log_lines_and_no_secrets()
    {
        await using var receiver = await PingReceiver.StartAsync();
        using var http = new HttpClient();
        var pinger = new HealthcheckPinger(http, receiver.CheckUrl, NullLogger.Instance, FastRetry);

        var code = await PingedRun.RunAsync(pinger, NullLogger.Instance, logger =>
        {
            for (var i = 1; i <= 40; i++)
            {
                logger.LogWarning("listing page {Page} retried", i);
            }

            logger.LogError("download of 'IMG_0001.jpg' failed: GET https://video-downloads.googleusercontent.com/abc?sig=SECRETSIG&expires=1 returned 403");
            logger.LogError("token refresh failed: {{\"access_token\": \"ya29.a0SECRETTOKENVALUE\", \"refresh_token\": \"1//0gSECRETREFRESH\"}} Authorization: Bearer ya29.SECRETBEARER");
            return Task.FromResult(7);
        });

        Assert.Equal(7, code); // the work's own exit code, whatever the pings did
        Assert.Equal([CheckPath + "/start", CheckPath + "/fail"], receiver.Paths);
        var body = receiver.Received.Last().Body;
        Assert.Contains("IMG_0001.jpg", body);
        Assert.Contains("listing page 40 retried", body);
        Assert.DoesNotContain("listing page 5 retried", body); // only the last lines
        Assert.Contains("exit code 7", body);
        foreach (var secret in new[] { "SECRETSIG", "SECRETTOKENVALUE", "SECRETREFRESH", "SECRETBEARER" })
        {
            Assert.DoesNotContain(secret, body);
        }
    }

    [Fact]
    public async Task Server_errors_are_retried_with_back_off_and_a_wrong_url_is_not()
    {
        await using var receiver = await PingReceiver.StartAsync();
        receiver.Script(CheckPath + "/start", 500, 503);
        receiver.Script(CheckPath, 404);
        using var http = new HttpClient();
        var pinger = new HealthcheckPinger(http, receiver.CheckUrl, NullLogger.Instance, FastRetry);

        var code = await PingedRun.RunAsync(pinger, NullLogger.Instance, _ => Task.FromResult(0));

        Assert.Equal(0, code);
        Assert.Equal([CheckPath + "/start", CheckPath + "/start", CheckPath + "/start", CheckPath], receiver.Paths);
    }

    [Fact]
    public async Task A_dead_or_hanging_endpoint_never_fails_or_holds_up_the_work()
    {
        await using var receiver = await PingReceiver.StartAsync();
        receiver.Hang = true;
        using var http = new HttpClient();
        // Each ping would hang for minutes (two attempts of two minutes): far beyond the generous
        // bounds below, so they hold on a loaded machine too and still tell waiting from not waiting.
        var hangs = TimeSpan.FromMinutes(2);
        var pinger = new HealthcheckPinger(http, receiver.CheckUrl, NullLogger.Instance, new PingRetry(2, TimeSpan.FromMilliseconds(10), hangs));
        var workStarted = Stopwatch.StartNew();
        TimeSpan? workBegan = null;

        var code = await PingedRun.RunAsync(pinger, NullLogger.Instance, _ =>
        {
            workBegan = workStarted.Elapsed;
            return Task.FromResult(0);
        }, finalBudget: TimeSpan.FromSeconds(1));

        Assert.Equal(0, code);
        Assert.True(workBegan < hangs / 4, $"the work waited {workBegan} for the start ping");
        Assert.True(workStarted.Elapsed < hangs / 2, $"pings held the run for {workStarted.Elapsed}");

        // Nothing listening at all.
        var closed = new HealthcheckPinger(http, new Uri("http://127.0.0.1:9/ping/x"), NullLogger.Instance, FastRetry);
        Assert.Equal(3, await PingedRun.RunAsync(closed, NullLogger.Instance, _ => Task.FromResult(3)));
    }

    [Fact]
    public void The_scrubber_removes_tokens_signatures_and_query_strings()
    {
        var scrubbed = SecretScrubber.Scrub("GET https://lh3.googleusercontent.com/pw/AP1?key=abc&sig=xyz failed; client_secret=GOCSPX-123 Bearer ya29.tok \"code\": \"4/0Adeu\"");

        Assert.Equal("GET https://lh3.googleusercontent.com/pw/AP1?[redacted] failed; client_secret=[redacted] Bearer [redacted] \"code\": \"[redacted]\"", scrubbed);
    }

    [Fact]
    public async Task Prefetch_pings_the_configured_check_around_its_run()
    {
        await using var receiver = await PingReceiver.StartAsync();
        using var config = new TempFolder();
        var env = new Dictionary<string, string?> { ["GPHOTOSFS_CONFIG_DIR"] = config.Path };
        Tools.RunGphotosfsWith(env, "init", "--library", demo.Folder, "--healthcheck-url", receiver.CheckUrl.AbsoluteUri).AssertSuccess("gphotosfs init");

        var result = await Task.Run(() => Tools.RunGphotosfsWith(env, "prefetch", "--library", demo.Folder));

        result.AssertSuccess("gphotosfs prefetch");
        Assert.Equal([CheckPath + "/start", CheckPath], receiver.Paths);

        // --healthcheck-url "" turns the configured pings off for one run.
        await Task.Run(() => Tools.RunGphotosfsWith(env, "prefetch", "--library", demo.Folder, "--healthcheck-url", "")).ConfigureAwait(true);
        Assert.Equal(2, receiver.Received.Count);
    }
}
