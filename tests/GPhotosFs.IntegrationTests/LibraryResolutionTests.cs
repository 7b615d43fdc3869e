using GPhotosFs.GoogleEmulator;
using GPhotosFs.IntegrationTests.Infrastructure;

namespace GPhotosFs.IntegrationTests;

/// <summary>
/// Every command finds the same library the same way (issue 11): the systemd units set only
/// GPHOTOSFS_CONFIG_DIR, whose config.json names the library; a fresh system user has no
/// ~/.local/share (or no home folder) yet, and the default must still not depend on the current folder.
/// </summary>
public sealed class LibraryResolutionTests
{
    [Fact]
    public void With_only_the_config_dir_set_every_command_uses_the_configured_library()
    {
        using var root = new TempFolder();
        var library = Path.Combine(root.Path, "configured-library");
        var configFolder = Path.Combine(root.Path, "config");
        var home = Path.Combine(root.Path, "home");
        Directory.CreateDirectory(configFolder);
        File.WriteAllText(Path.Combine(configFolder, "config.json"), $$"""{ "library": "{{library}}" }""");
        var env = Environment(home, configFolder);
        var exports = Path.Combine(root.Path, "exports");
        var parts = Tools.RunGphotosfs("takeout", "sample", exports, "--items", "4", "--parts", "1").AssertSuccess("takeout sample").Stdout
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Tools.RunGphotosfsIn(root.Path, env, "init").AssertSuccess("init");
        Tools.RunGphotosfsIn(root.Path, env, ["takeout", "add", .. parts]).AssertSuccess("takeout add");
        Assert.True(File.Exists(Path.Combine(library, "catalog.db")), "takeout add did not write the configured library");
        var list = Tools.RunGphotosfsIn(root.Path, env, "takeout", "list").AssertSuccess("takeout list");
        var partId = Assert.Single(list.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)).Split(' ')[0];
        var status = Tools.RunGphotosfsIn(root.Path, env, "status");
        Assert.Contains($"Library   {library}:", status.Stdout, StringComparison.Ordinal);
        var json = Tools.RunGphotosfsIn(root.Path, env, "status", "--json");
        Assert.Contains(library, json.Stdout, StringComparison.Ordinal);
        Tools.RunGphotosfsIn(root.Path, env, "takeout", "remove", partId).AssertSuccess("takeout remove");
        Assert.Contains("No Takeout parts", Tools.RunGphotosfsIn(root.Path, env, "takeout", "list").Stdout, StringComparison.Ordinal);
        Tools.RunGphotosfsIn(root.Path, env, "sync").AssertSuccess("sync");

        // Nothing went to the default library.
        Assert.False(Directory.Exists(Path.Combine(home, ".local")), "a command wrote the default library instead of the configured one");
        Assert.Equal(["config", "configured-library", "exports"], Directory.GetFileSystemEntries(root.Path).Select(p => Path.GetFileName(p)!).Order().ToArray());
    }

    [Fact]
    public async Task Auth_with_only_the_config_dir_set_records_its_sources_in_the_configured_library()
    {
        await using var account = await GoogleAccount.StartAsync(new EmulatorOptions { ItemCount = 3 });
        Directory.CreateDirectory(account.ConfigFolder);
        File.WriteAllText(Path.Combine(account.ConfigFolder, "config.json"), $$"""{ "library": "{{account.Library}}" }""");
        var saved = System.Environment.GetEnvironmentVariable("GPHOTOSFS_LIBRARY");
        System.Environment.SetEnvironmentVariable("GPHOTOSFS_LIBRARY", null);
        try
        {
            account.Authorize(libraryOption: false).AssertSuccess("auth");
        }
        finally
        {
            System.Environment.SetEnvironmentVariable("GPHOTOSFS_LIBRARY", saved);
        }

        Assert.True(File.Exists(Path.Combine(account.Library, "catalog.db")), "auth did not record its sources in the configured library");
        Assert.True(File.Exists(Path.Combine(account.ConfigFolder, "token.json")), "auth kept no token in the config folder");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_default_library_is_under_home_even_before_home_or_its_data_folder_exists(bool homeExists)
    {
        using var root = new TempFolder();
        var home = Path.Combine(root.Path, "home", "backup");
        if (homeExists)
        {
            Directory.CreateDirectory(home);
        }

        var cwd = Path.Combine(root.Path, "cwd");
        Directory.CreateDirectory(cwd);
        var parts = Tools.RunGphotosfs("takeout", "sample", Path.Combine(root.Path, "exports"), "--items", "2", "--parts", "1").AssertSuccess("takeout sample").Stdout
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var env = Environment(home, configFolder: null);

        var missing = Tools.RunGphotosfsIn(cwd, env, "takeout", "list");
        Assert.Contains($"no library at {home}/.local/share/gphotosfs/library", missing.Stderr, StringComparison.Ordinal);
        Tools.RunGphotosfsIn(cwd, env, ["takeout", "add", .. parts]).AssertSuccess("takeout add");

        Assert.True(File.Exists(Path.Combine(home, ".local", "share", "gphotosfs", "library", "catalog.db")), "the default library is not under $HOME");
        Assert.Empty(Directory.GetFileSystemEntries(cwd));
        Assert.Contains($"Library   {home}/.local/share/gphotosfs/library:", Tools.RunGphotosfsIn(cwd, env, "status").Stdout, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Environment(string home, string? configFolder) => new()
    {
        ["HOME"] = home,
        ["GPHOTOSFS_CONFIG_DIR"] = configFolder,
        ["GPHOTOSFS_LIBRARY"] = null,
        ["XDG_DATA_HOME"] = null,
        ["XDG_CONFIG_HOME"] = null,
    };
}
