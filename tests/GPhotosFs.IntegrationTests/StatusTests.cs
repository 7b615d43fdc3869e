using System.Text.Json;
using GPhotosFs.Catalog.Health;
using GPhotosFs.Cli.Commands;
using GPhotosFs.IntegrationTests.Infrastructure;

namespace GPhotosFs.IntegrationTests;

/// <summary><c>gphotosfs status</c>: its exit codes and JSON for healthy and unhealthy libraries, and the same JSON inside a mount.</summary>
public sealed class StatusTests(DemoLibrary demo) : IClassFixture<DemoLibrary>
{
    [Fact]
    public void A_recently_synced_library_is_healthy_and_exits_0()
    {
        using var library = new StatusLibrary(DateTimeOffset.UtcNow.AddHours(-1), h => h with { AuthState = SourceHealth.AuthOk });

        var result = library.Gphotosfs("status", "--json", "--library", library.Folder);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.True(json.RootElement.GetProperty("healthy").GetBoolean());
        Assert.Equal(0, json.RootElement.GetProperty("problems").GetArrayLength());
        var source = json.RootElement.GetProperty("sources")[0];
        Assert.Equal("google-library", source.GetProperty("kind").GetString());
        Assert.Equal("ok", source.GetProperty("state").GetString());
        Assert.Equal("ok", source.GetProperty("auth_state").GetString());
        Assert.Equal(42, source.GetProperty("last_sync").GetProperty("items_seen").GetInt64());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("mount").ValueKind);

        var text = library.Gphotosfs("status", "--library", library.Folder);
        Assert.Equal(ExitCodes.Ok, text.ExitCode);
        Assert.Contains("healthy", text.Stdout);
        Assert.Contains("google-library:me@example.com: ok", text.Stdout);
    }

    [Fact]
    public void A_library_whose_last_good_sync_is_older_than_the_threshold_is_stale()
    {
        using var library = new StatusLibrary(DateTimeOffset.UtcNow.AddDays(-3), lastError: "HTTP 503 from the Library API");

        var result = library.Gphotosfs("status", "--json", "--library", library.Folder);

        Assert.Equal(ExitCodes.Stale, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.False(json.RootElement.GetProperty("healthy").GetBoolean());
        Assert.Equal(ExitCodes.Stale, json.RootElement.GetProperty("exit_code").GetInt32());
        var source = json.RootElement.GetProperty("sources")[0];
        Assert.Equal("stale", source.GetProperty("state").GetString());
        Assert.Equal("HTTP 503 from the Library API", source.GetProperty("last_sync").GetProperty("error").GetString());
        Assert.Contains("google-library:me@example.com", json.RootElement.GetProperty("problems")[0].GetString());
    }

    [Fact]
    public void A_source_that_never_synced_is_stale()
    {
        using var library = new StatusLibrary(lastSuccess: null, lastError: "network unreachable");

        Assert.Equal(ExitCodes.Stale, library.Gphotosfs("status", "--library", library.Folder).ExitCode);
    }

    [Fact]
    public void The_stale_threshold_comes_from_the_config_and_the_command_line_wins()
    {
        using var library = new StatusLibrary(DateTimeOffset.UtcNow.AddDays(-3));
        library.Gphotosfs("init", "--library", library.Folder, "--stale-after", "4d").AssertSuccess("gphotosfs init");

        Assert.Equal(ExitCodes.Ok, library.Gphotosfs("status", "--library", library.Folder).ExitCode);
        Assert.Equal(ExitCodes.Stale, library.Gphotosfs("status", "--library", library.Folder, "--stale-after", "1d").ExitCode);
    }

    [Fact]
    public void Broken_auth_exits_10_with_the_sources_message()
    {
        using var library = new StatusLibrary(DateTimeOffset.UtcNow.AddHours(-1), h => h with
        {
            AuthState = SourceHealth.AuthBroken,
            AuthMessage = "the refresh token was revoked; run 'gphotosfs auth' again",
        });

        var result = library.Gphotosfs("status", "--json", "--library", library.Folder);

        Assert.Equal(ExitCodes.AuthBroken, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var source = json.RootElement.GetProperty("sources")[0];
        Assert.Equal("auth_broken", source.GetProperty("state").GetString());
        Assert.Contains("revoked", json.RootElement.GetProperty("problems")[0].GetString());
    }

    [Fact]
    public void An_exhausted_quota_exits_11_and_shows_usage_until_the_reset()
    {
        var until = DateTimeOffset.UtcNow.AddHours(5);
        using var library = new StatusLibrary(DateTimeOffset.UtcNow.AddHours(-1), h => h with
        {
            QuotaExhaustedUntil = until,
            QuotaMessage = "Library API requests per day",
            Quotas = new Dictionary<string, QuotaUsage> { ["api"] = new("2026-11-22", 10_000, 10_000) },
            RecentErrors = [new HealthEvent(DateTimeOffset.UtcNow, "429 quota exceeded listing media items")],
        });

        var result = library.Gphotosfs("status", "--json", "--library", library.Folder);

        Assert.Equal(ExitCodes.QuotaExhausted, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var source = json.RootElement.GetProperty("sources")[0];
        Assert.Equal("quota_exhausted", source.GetProperty("state").GetString());
        Assert.Equal(10_000, source.GetProperty("quotas").GetProperty("api").GetProperty("used").GetInt64());
        Assert.Equal("429 quota exceeded listing media items", source.GetProperty("recent_errors")[0].GetProperty("message").GetString());

        var text = library.Gphotosfs("status", "--library", library.Folder);
        Assert.Contains("exhausted until", text.Stdout);
        Assert.Contains("10,000 of 10,000 requests", text.Stdout);
    }

    [Fact]
    public void A_quota_that_has_reset_is_healthy_again()
    {
        using var library = new StatusLibrary(DateTimeOffset.UtcNow.AddHours(-1), h => h with { QuotaExhaustedUntil = DateTimeOffset.UtcNow.AddMinutes(-1) });

        Assert.Equal(ExitCodes.Ok, library.Gphotosfs("status", "--library", library.Folder).ExitCode);
    }

    [Fact]
    public void An_unavailable_source_exits_12_and_the_most_urgent_problem_wins()
    {
        using (var unavailable = new StatusLibrary(DateTimeOffset.UtcNow.AddHours(-1), h => h with { Unavailable = "archive takeout-001.zip is missing from /srv/takeout" }))
        {
            var result = unavailable.Gphotosfs("status", "--library", unavailable.Folder);
            Assert.Equal(ExitCodes.SourceUnavailable, result.ExitCode);
            Assert.Contains("takeout-001.zip", result.Stdout);
        }

        // Stale and auth broken at once: auth is what a person must fix first.
        using var both = new StatusLibrary(DateTimeOffset.UtcNow.AddDays(-10), h => h with { AuthState = SourceHealth.AuthBroken });
        Assert.Equal(ExitCodes.AuthBroken, both.Gphotosfs("status", "--library", both.Folder).ExitCode);
    }

    [Fact]
    public void A_missing_library_or_a_malformed_config_is_a_clear_error()
    {
        using var library = new StatusLibrary(DateTimeOffset.UtcNow);
        var missing = library.Gphotosfs("status", "--library", Path.Combine(library.Folder, "nope"));
        Assert.Equal(ExitCodes.Failed, missing.ExitCode);
        Assert.Contains("no library at", missing.Stderr);

        Directory.CreateDirectory(library.ConfigFolder);
        var configPath = Path.Combine(library.ConfigFolder, "config.json");
        File.WriteAllText(configPath, "{\n  \"stale_after\": \"2d\",\n  \"library\": oops\n}\n");
        var malformed = library.Gphotosfs("status", "--library", library.Folder);
        Assert.Equal(ExitCodes.Config, malformed.ExitCode);
        Assert.Contains(configPath, malformed.Stderr);
        Assert.Contains("line 3", malformed.Stderr);
    }

    [Fact]
    public void Cached_and_pending_bytes_are_counted_per_library_and_source()
    {
        using var copy = new TempFolder();
        Tools.Run("cp", "-a", demo.Folder + "/.", copy.Path).AssertSuccess("cp");
        var item = demo.Items()[0];
        var cached = Path.Combine(copy.Path, "cache", item.MountPath);
        Directory.CreateDirectory(Path.GetDirectoryName(cached)!);
        File.Copy(item.OriginalPath, cached);
        Directory.CreateDirectory(Path.Combine(copy.Path, "partial"));
        File.WriteAllBytes(Path.Combine(copy.Path, "partial", "123.part"), new byte[5000]);

        var result = Tools.RunGphotosfsWith(new Dictionary<string, string?> { ["GPHOTOSFS_CONFIG_DIR"] = Path.Combine(copy.Path, "config") }, "status", "--json", "--library", copy.Path);

        Assert.Equal(ExitCodes.Ok, result.ExitCode); // local sources are read in place: never stale
        using var json = JsonDocument.Parse(result.Stdout);
        var cache = json.RootElement.GetProperty("cache");
        Assert.Equal(1, cache.GetProperty("files_cached").GetInt64());
        Assert.Equal(item.Item.Size, cache.GetProperty("bytes_cached").GetInt64());
        Assert.Equal(1, cache.GetProperty("downloads_pending").GetInt64());
        Assert.Equal(5000, cache.GetProperty("bytes_pending").GetInt64());
        var source = json.RootElement.GetProperty("sources")[0];
        Assert.Equal(demo.Items().Count(i => !i.Item.IsTrashed), source.GetProperty("items").GetInt64());
        Assert.Equal(1, source.GetProperty("items_cached").GetInt64());
    }

    [FuseFact]
    public void The_mount_serves_the_same_status_at_dot_gphotosfs_status_json_with_an_exact_size()
    {
        using var mount = new MountedLibrary(demo.Folder);
        var statusPath = mount[".gphotosfs/status.json"];

        var bytes = File.ReadAllBytes(statusPath);
        Assert.Equal(new FileInfo(statusPath).Length, bytes.Length);
        var catOutput = Tools.Run("cat", statusPath).AssertSuccess("cat").Stdout;
        var wc = Tools.Run("stat", "-c", "%s", statusPath).AssertSuccess("stat").Stdout.Trim();
        Assert.Equal(long.Parse(wc), System.Text.Encoding.UTF8.GetByteCount(catOutput));

        using var json = JsonDocument.Parse(bytes);
        Assert.True(json.RootElement.GetProperty("healthy").GetBoolean());
        Assert.Equal(mount.Path, json.RootElement.GetProperty("mount").GetProperty("mount_point").GetString());
        Assert.Equal(mount.DaemonPid, json.RootElement.GetProperty("mount").GetProperty("pid").GetInt32());
        Assert.Equal(demo.Folder, json.RootElement.GetProperty("library").GetString());

        // Readable by path, but not listed: find, rsync and backups of the mount never see it; never in the cache tree.
        Assert.DoesNotContain(".gphotosfs", Tools.Run("ls", "-a", mount.Path).AssertSuccess("ls -a").Stdout.Split('\n'));
        Assert.DoesNotContain("status.json", Tools.Run("find", mount.Path).AssertSuccess("find").Stdout);
        Assert.Equal(["daemon.json", "status.json"], Directory.GetFiles(mount[".gphotosfs"]).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.False(Directory.Exists(Path.Combine(demo.Folder, "cache", ".gphotosfs")));
        Assert.Contains("Read-only", Assert.Throws<IOException>(() => File.OpenWrite(statusPath).Dispose()).Message);

        // The status command sees the daemon too.
        var status = Tools.RunGphotosfs("status", "--library", demo.Folder);
        Assert.Contains($"on {mount.Path} by process {mount.DaemonPid}", status.Stdout);
    }

    [FuseFact]
    public void A_second_mount_of_the_same_library_fails_naming_the_running_daemon()
    {
        using var first = new MountedLibrary(demo.Folder);
        using var second = new TempFolder();

        var background = Tools.RunGphotosfs("mount", second.Path, "--library", demo.Folder);
        var foreground = Tools.RunGphotosfs("mount", second.Path, "--library", demo.Folder, "--foreground");

        foreach (var result in new[] { background, foreground })
        {
            Assert.Equal(ExitCodes.Busy, result.ExitCode);
            Assert.Contains($"already mounted on {first.Path} by gphotosfs process {first.DaemonPid}", result.Stderr);
        }

        Assert.False(Tools.IsMounted(second.Path));
        Assert.True(File.Exists(first[demo.Items()[0].MountPath]));
    }

    [FuseFact]
    public void A_daemon_killed_with_sigkill_leaves_no_lock_behind()
    {
        int killed;
        using (var first = new MountedLibrary(demo.Folder))
        {
            killed = first.DaemonPid;
            Tools.Signal(killed, "KILL");
            first.WaitForDaemonExit();
            Tools.RunGphotosfs("unmount", first.Path).AssertSuccess("gphotosfs unmount of the dead mount");
        }

        using var second = new MountedLibrary(demo.Folder);
        Assert.NotEqual(killed, second.DaemonPid);
        Assert.Contains($"by process {second.DaemonPid}", Tools.RunGphotosfs("status", "--library", demo.Folder).Stdout);
    }
}
