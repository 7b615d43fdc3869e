using GPhotosFs.IntegrationTests.Infrastructure;

namespace GPhotosFs.IntegrationTests;

/// <summary>Small things users met (issue 11): each answer names the thing and says what to do, never a .NET type.</summary>
public sealed class UserMessageTests
{
    [Fact]
    public void Prefetch_since_a_word_is_a_usage_error_that_shows_a_date()
    {
        using var root = new TempFolder();
        var result = Tools.RunGphotosfs("prefetch", "--since", "yesterday", "--library", root.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("gphotosfs: --since: 'yesterday' is not a date; give one like 2023-01-01", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("See 'gphotosfs prefetch --help'", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", result.Stderr + result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_number_option_given_a_word_says_so_in_words()
    {
        var result = Tools.RunGphotosfs("prefetch", "--jobs", "many");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("gphotosfs: Cannot parse argument 'many' for option '--jobs' as a whole number", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", result.Stderr + result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void An_oauth_client_file_holding_a_json_array_is_named()
    {
        using var root = new TempFolder();
        var secret = Path.Combine(root.Path, "client_secret.json");
        File.WriteAllText(secret, """[{ "installed": { "client_id": "x", "client_secret": "y" } }]""");
        var env = new Dictionary<string, string?> { ["GPHOTOSFS_CONFIG_DIR"] = Path.Combine(root.Path, "config") };

        var result = Tools.RunGphotosfsWith(env, "auth", "--library", Path.Combine(root.Path, "library"), "--client-secret", secret, "--timeout", "1");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{secret} is not an OAuth client file: it holds a JSON array", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("unexpected", result.Stderr, StringComparison.Ordinal);
    }

    [FuseFact]
    public void Demo_reports_as_many_items_as_the_mount_shows()
    {
        using var root = new TempFolder();
        var folder = Path.Combine(root.Path, "demo");
        var demo = Tools.RunGphotosfs("demo", folder).AssertSuccess("demo");
        var said = int.Parse(System.Text.RegularExpressions.Regex.Match(demo.Stdout, @"Demo library with (\d+) items").Groups[1].Value);

        using var mount = new MountedLibrary(folder);
        var shown = Directory.GetFiles(mount["photos"], "*", SearchOption.AllDirectories).Length;

        Assert.Equal(shown, said);
    }
}
