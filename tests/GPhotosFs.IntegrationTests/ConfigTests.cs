using System.Text.Json;
using System.Text.Json.Nodes;
using GPhotosFs.Cli.Commands;
using GPhotosFs.Cli.Config;
using GPhotosFs.IntegrationTests.Infrastructure;
using GPhotosFs.Library;

namespace GPhotosFs.IntegrationTests;

/// <summary>config.json: created by init, private, keeps keys other parts own, read by mount, reloaded on SIGHUP.</summary>
public sealed class ConfigTests(DemoLibrary demo) : IClassFixture<DemoLibrary>
{
    [Fact]
    public void Init_creates_the_library_and_a_private_config_with_every_setting()
    {
        using var root = new TempFolder();
        var library = Path.Combine(root.Path, "photos");
        var config = Path.Combine(root.Path, "config");
        var env = new Dictionary<string, string?> { ["GPHOTOSFS_CONFIG_DIR"] = config };

        Tools.RunGphotosfsWith(env, "init", "--library", library, "--cache-folder", Path.Combine(root.Path, "big", "cache"), "--mount-point", "/mnt/photos",
            "-o", "allow_other,noxattr", "--sync-interval", "12h", "--stale-after", "3d", "--healthcheck-url", "https://hc-ping.com/abc-123").AssertSuccess("gphotosfs init");

        Assert.True(File.Exists(Path.Combine(library, "catalog.db")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(config));
        var file = Path.Combine(config, "config.json");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        var json = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        Assert.Equal(library, (string?)json["library"]);
        Assert.Equal(Path.Combine(root.Path, "big", "cache"), (string?)json["cache_folder"]);
        Assert.Equal("/mnt/photos", (string?)json["mount_point"]);
        Assert.Equal("allow_other,noxattr", (string?)json["mount_options"]);
        Assert.Equal("12h", (string?)json["sync_interval"]);
        Assert.Equal("3d", (string?)json["stale_after"]);
        Assert.Equal("https://hc-ping.com/abc-123", (string?)json["healthcheck_url"]);
    }

    [Fact]
    public void Rewriting_the_config_keeps_keys_owned_by_other_parts()
    {
        using var root = new TempFolder();
        var file = Path.Combine(root.Path, "config.json");
        File.WriteAllText(file, """
            {
              // the Google sources' endpoints, and a key from a newer version
              "endpoints": { "oauth_token_url": "http://127.0.0.1:9/token", "library_api_url": "http://127.0.0.1:9/v1" },
              "future_key": [1, 2, 3],
              "stale_after": "2d"
            }
            """);

        var config = LibraryConfig.Load(file);
        config.StaleAfter = TimeSpan.FromHours(36);
        config.MountOptions = "noxattr";
        config.Save();

        var json = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        Assert.Equal("http://127.0.0.1:9/token", (string?)json["endpoints"]!["oauth_token_url"]);
        Assert.Equal("http://127.0.0.1:9/v1", (string?)json["endpoints"]!["library_api_url"]);
        Assert.Equal("[1,2,3]", json["future_key"]!.ToJsonString());
        Assert.Equal("36h", (string?)json["stale_after"]);
        Assert.Equal(TimeSpan.FromHours(36), LibraryConfig.Load(file).StaleAfter);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
    }

    [Fact]
    public void Another_part_reads_and_replaces_its_section_without_touching_the_rest()
    {
        using var root = new TempFolder();
        var file = Path.Combine(root.Path, "config.json");
        File.WriteAllText(file, """{ "stale_after": "3d", "endpoints": { "oauth_token_url": "http://127.0.0.1:9/token" } }""");

        var config = LibraryConfig.Load(file);
        var endpoints = config.GetSection("endpoints")!;
        Assert.Equal("http://127.0.0.1:9/token", (string?)endpoints["oauth_token_url"]);
        endpoints["library_api_url"] = "http://127.0.0.1:9/v1";
        config.SetSection("endpoints", endpoints);
        config.Save();

        var reloaded = LibraryConfig.Load(file);
        Assert.Equal("http://127.0.0.1:9/v1", (string?)reloaded.GetSection("endpoints")!["library_api_url"]);
        Assert.Equal("http://127.0.0.1:9/token", (string?)reloaded.GetSection("endpoints")!["oauth_token_url"]);
        Assert.Equal(TimeSpan.FromDays(3), reloaded.StaleAfter);
        Assert.Null(reloaded.GetSection("nothing"));
    }

    [Theory]
    [InlineData("{\n  \"library\": \"/x\",\n  \"stale_after\": 5,\n}", "\"stale_after\" must be a string")]
    [InlineData("{\n  \"stale_after\": \"soon\"\n}", "expected a duration")]
    [InlineData("{\n  \"healthcheck_url\": \"ftp://x\"\n}", "expected an http:// or https:// URL")]
    [InlineData("[1, 2]", "line 1: expected a JSON object")]
    [InlineData("{\n  \"a\": 1,\n  \"b\": \n}", "line 4")]
    public void A_bad_config_names_the_file_and_what_is_wrong(string content, string expected)
    {
        using var root = new TempFolder();
        var file = Path.Combine(root.Path, "config.json");
        File.WriteAllText(file, content);

        var error = Assert.Throws<ConfigException>(() => LibraryConfig.Load(file));

        Assert.StartsWith(file + ":", error.Message);
        Assert.Contains(expected, error.Message);
        Assert.Equal(content, File.ReadAllText(file)); // nothing rewritten, nothing lost
    }

    [Fact]
    public void Init_rejects_a_mistyped_option_before_writing_anything()
    {
        using var root = new TempFolder();
        var env = new Dictionary<string, string?> { ["GPHOTOSFS_CONFIG_DIR"] = Path.Combine(root.Path, "config") };

        var result = Tools.RunGphotosfsWith(env, "init", "--library", Path.Combine(root.Path, "lib"), "-o", "alow_other");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("alow_other", result.Stderr);
        Assert.False(File.Exists(Path.Combine(root.Path, "config", "config.json")));

        var badUrl = Tools.RunGphotosfsWith(env, "init", "--library", Path.Combine(root.Path, "lib"), "--healthcheck-url", "hc-ping.com/x");
        Assert.Equal(ExitCodes.Usage, badUrl.ExitCode);
        Assert.Contains("--healthcheck-url: expected an http:// or https:// URL", badUrl.Stderr);
        var badDuration = Tools.RunGphotosfsWith(env, "init", "--library", Path.Combine(root.Path, "lib"), "--stale-after", "tomorrow");
        Assert.Equal(ExitCodes.Usage, badDuration.ExitCode);
        Assert.Contains("--stale-after", badDuration.Stderr);
        Assert.False(File.Exists(Path.Combine(root.Path, "config", "config.json")));
    }

    [FuseFact]
    public void Mount_takes_its_mount_point_and_options_from_the_config_and_SIGHUP_reloads_it()
    {
        using var root = new TempFolder();
        var mountPoint = Path.Combine(root.Path, "mnt");
        Directory.CreateDirectory(mountPoint);
        var configFolder = Path.Combine(root.Path, "config");
        // GPHOTOSFS_CONFIG_DIR alone names the library (what the systemd unit does).
        var env = new Dictionary<string, string?> { ["GPHOTOSFS_CONFIG_DIR"] = configFolder, ["GPHOTOSFS_LIBRARY"] = null };
        Tools.RunGphotosfsWith(env, "init", "--library", demo.Folder, "--mount-point", mountPoint, "-o", "albums=files", "--stale-after", "2d")
            .AssertSuccess("gphotosfs init");

        Tools.RunGphotosfsWith(env, "mount").AssertSuccess("gphotosfs mount (no arguments)");
        var daemon = MountedLibrary.FindDaemon(mountPoint) ?? throw new InvalidOperationException("no daemon");
        try
        {
            Assert.True(Tools.IsMounted(mountPoint));
            var albumEntry = Directory.EnumerateFiles(Path.Combine(mountPoint, "albums"), "*", SearchOption.AllDirectories).First();
            Assert.False(new FileInfo(albumEntry).Attributes.HasFlag(FileAttributes.ReparsePoint)); // albums=files from the config
            Assert.Equal(172_800, StaleAfterSeconds(mountPoint));

            var config = LibraryConfig.Load(Path.Combine(configFolder, "config.json"));
            config.StaleAfter = TimeSpan.FromHours(5);
            config.Save();
            Tools.Signal(daemon, "HUP");
            Assert.True(Tools.WaitUntil(() => StaleAfterSeconds(mountPoint) == 18_000, TimeSpan.FromSeconds(10)), "SIGHUP did not apply the new stale_after");

            // A broken file on reload keeps the previous settings and the mount.
            File.WriteAllText(config.Path, "{ broken");
            Tools.Signal(daemon, "HUP");
            var log = Path.Combine(demo.Folder, "gphotosfs.log");
            Assert.True(Tools.WaitUntil(() => File.ReadAllText(log).Contains("Kept the previous configuration", StringComparison.Ordinal), TimeSpan.FromSeconds(30)),
                "the daemon did not report the broken config.json");
            Assert.Equal(18_000, StaleAfterSeconds(mountPoint));
            Assert.True(Tools.ProcessExists(daemon));
        }
        finally
        {
            Tools.Run("fusermount3", "-u", mountPoint);
            Tools.WaitUntil(() => !Tools.ProcessExists(daemon), TimeSpan.FromSeconds(15));
        }
    }

    private static long StaleAfterSeconds(string mountPoint)
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(mountPoint, ".gphotosfs", "status.json")));
        return json.RootElement.GetProperty("stale_after_seconds").GetInt64();
    }
}
