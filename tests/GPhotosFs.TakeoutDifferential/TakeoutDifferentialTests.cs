using System.Diagnostics;
using System.Globalization;
using System.Text;
using Xunit.Abstractions;

namespace GPhotosFs.TakeoutDifferential;

/// <summary>
/// Runs the real product (takeout add, mount) on generated Takeout exports and compares the mount
/// with the generator's oracle. CI runs <see cref="CiSeeds"/> with <see cref="KnownProductBugs.CiFeatures"/>;
/// `bench/takeout-differential.sh` runs thousands through the same test via environment variables:
/// TAKEOUT_DIFF_SEEDS ("START:COUNT" or "1,5,9"), TAKEOUT_DIFF_FEATURES ("ci", "all", or
/// "all-Tgz,DamagedParts" to switch features off), TAKEOUT_DIFF_REPORT (a file that receives one
/// line per seed and the failures as they happen).
/// </summary>
public sealed class TakeoutDifferentialTests(ITestOutputHelper output)
{
    /// <summary>The bounded seed set CI runs (about two minutes on 2 busy cores).</summary>
    public const string CiSeeds = "1:16";

    [FuseFact]
    public void Generated_exports_mount_as_the_oracle_predicts()
    {
        var seeds = ParseSeeds(Environment.GetEnvironmentVariable("TAKEOUT_DIFF_SEEDS") ?? CiSeeds);
        var features = ParseFeatures(Environment.GetEnvironmentVariable("TAKEOUT_DIFF_FEATURES") ?? "ci");
        var reportPath = Environment.GetEnvironmentVariable("TAKEOUT_DIFF_REPORT");
        using var report = reportPath is null ? null : new StreamWriter(reportPath, append: true, Encoding.UTF8) { AutoFlush = true };
        void Log(string line)
        {
            output.WriteLine(line);
            report?.WriteLine(line);
        }

        Log($"features: {string.Join(',', features.Order())}");
        var clock = Stopwatch.StartNew();
        var failed = new List<SeedResult>();
        var categories = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var seed in seeds)
        {
            var result = DifferentialRun.Run(seed, features);
            Log($"seed {seed}: {(result.Passed ? "PASS" : $"FAIL ({result.Differences.Count})")} {result.Elapsed.TotalSeconds:0.0}s");
            Log($"  {result.Scenario}");
            if (result.Passed) continue;
            failed.Add(result);
            foreach (var diff in result.Differences) Log($"  {diff}");
            foreach (var category in result.Differences.Select(d => d.Category).Distinct())
            {
                categories[category] = categories.GetValueOrDefault(category) + 1;
            }
        }

        var summary = string.Create(CultureInfo.InvariantCulture, $"SUMMARY: {seeds.Count} seeds, {seeds.Count - failed.Count} passed, {failed.Count} failed, {clock.Elapsed.TotalSeconds:0}s");
        Log(summary);
        foreach (var (category, count) in categories.OrderByDescending(c => c.Value)) Log($"  {category}: {count} seed(s)");
        if (failed.Count > 0) Log($"  failing seeds: {string.Join(',', failed.Select(f => f.Seed))}");
        Assert.True(failed.Count == 0, $"{summary}; first: seed {failed.FirstOrDefault()?.Seed}: {failed.FirstOrDefault()?.Differences[0]}");
    }

    public static List<int> ParseSeeds(string spec)
    {
        if (spec.Contains(':', StringComparison.Ordinal))
        {
            var (start, count) = (int.Parse(spec.Split(':')[0], CultureInfo.InvariantCulture), int.Parse(spec.Split(':')[1], CultureInfo.InvariantCulture));
            return Enumerable.Range(start, count).ToList();
        }

        return spec.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
    }

    /// <summary>"ci" (all but the known product bugs), "all", optionally followed by "-A,B" to switch features off.</summary>
    public static IReadOnlySet<ScenarioFeature> ParseFeatures(string spec)
    {
        var (basis, minus) = spec.Split('-', 2) is var p && p.Length == 2 ? (p[0], p[1]) : (spec, "");
        var set = (basis.Trim() == "all" ? KnownProductBugs.AllFeatures : KnownProductBugs.CiFeatures).ToHashSet();
        foreach (var name in minus.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            set.Remove(Enum.Parse<ScenarioFeature>(name));
        }

        return set;
    }
}
