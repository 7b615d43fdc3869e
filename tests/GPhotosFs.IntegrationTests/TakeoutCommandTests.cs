using GPhotosFs.IntegrationTests.Infrastructure;
using GPhotosFs.Takeout.Samples;

namespace GPhotosFs.IntegrationTests;

/// <summary>The takeout commands as a user runs them, without a mount.</summary>
public sealed class TakeoutCommandTests
{
    [Fact]
    public void A_truncated_part_is_named_with_exit_1_while_the_other_parts_are_indexed()
    {
        using var temp = new TempFolder();
        var library = Path.Combine(temp.Path, "library");
        var parts = TakeoutExportWriter.WriteZip(Path.Combine(temp.Path, "exports"), SampleTakeout.OlderExport, SampleTakeout.OlderShowcase(), parts: 3, deflate: false);
        var bytes = File.ReadAllBytes(parts[2]);
        File.WriteAllBytes(parts[2], bytes[..(bytes.Length / 2)]);

        var add = Tools.RunGphotosfs(["takeout", "add", .. parts, "--library", library]);
        Assert.Equal(1, add.ExitCode);
        Assert.Contains($"gphotosfs: {Path.GetFileName(parts[2])}: no zip directory found", add.Stderr, StringComparison.Ordinal);
        Assert.Contains("3 part(s) indexed", add.Stderr, StringComparison.Ordinal);

        var list = Tools.RunGphotosfs("takeout", "list", "--library", library).AssertSuccess("takeout list");
        Assert.Single(list.Stdout.Split('\n'), l => l.Contains(" ERROR ", StringComparison.Ordinal) && l.Contains(parts[2], StringComparison.Ordinal));
        Assert.Equal(2, list.Stdout.Split('\n').Count(l => l.Contains(" ok ", StringComparison.Ordinal)));
        var health = File.ReadAllText(Directory.GetFiles(Path.Combine(library, "state"), "source-*.json").Single());
        Assert.Contains(Path.GetFileName(parts[2]), health, StringComparison.Ordinal);

        // The repaired part is indexed on the next add; the unchanged ones are skipped.
        TakeoutExportWriter.WriteZip(Path.Combine(temp.Path, "exports"), SampleTakeout.OlderExport, SampleTakeout.OlderShowcase(), parts: 3, deflate: false);
        var again = Tools.RunGphotosfs(["takeout", "add", .. parts, "--library", library]).AssertSuccess("takeout add after the repair");
        Assert.DoesNotContain("ERROR", Tools.RunGphotosfs("takeout", "list", "--library", library).Stdout, StringComparison.Ordinal);
        Assert.Contains("part(s) indexed", again.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Globs_usage_errors_and_help()
    {
        using var temp = new TempFolder();
        var nothing = Tools.RunGphotosfs("takeout", "add", Path.Combine(temp.Path, "takeout-*.zip"), "--library", Path.Combine(temp.Path, "lib"));
        Assert.Equal(2, nothing.ExitCode);
        Assert.Contains("matches nothing", nothing.Stderr, StringComparison.Ordinal);
        foreach (var sub in new[] { "add", "list", "remove", "sample" })
        {
            Assert.Contains("Usage:", Tools.RunGphotosfs("takeout", sub, "--help").AssertSuccess($"takeout {sub} --help").Stdout, StringComparison.Ordinal);
        }

        var sample = Tools.RunGphotosfs("takeout", "sample", Path.Combine(temp.Path, "exports"), "--format", "tgz").AssertSuccess("takeout sample");
        Assert.Equal(4, sample.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        var add = Tools.RunGphotosfs("takeout", "add", Path.Combine(temp.Path, "exports", "takeout-*.tgz"), "--library", Path.Combine(temp.Path, "lib")).AssertSuccess("takeout add glob");
        Assert.Contains("4 part(s) indexed", add.Stderr, StringComparison.Ordinal);
        Assert.Contains("1 newly missing", add.Stderr, StringComparison.Ordinal);
    }
}
