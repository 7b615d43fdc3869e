using System.Diagnostics;
using GPhotosFs.IntegrationTests.Infrastructure;

namespace GPhotosFs.TakeoutDifferential;

public sealed record SeedResult(int Seed, string Scenario, IReadOnlyList<Difference> Differences, TimeSpan Elapsed)
{
    public bool Passed => Differences.Count == 0;
}

/// <summary>
/// One seed end to end: generate, write the parts, `gphotosfs takeout add` them into a fresh
/// library with the real CLI, mount it with the real CLI, read every file through FUSE, compare.
/// </summary>
public static class DifferentialRun
{
    private static readonly DamageKind[] StructuralDamage = [DamageKind.TruncatedZip, DamageKind.TruncatedTgz, DamageKind.CorruptTarHeader];

    public static SeedResult Run(int seed, IReadOnlySet<ScenarioFeature> features)
    {
        var clock = Stopwatch.StartNew();
        var scenario = ScenarioGenerator.Generate(seed, features);
        var diffs = new List<Difference>();
        using var temp = new TempFolder();
        var saved = Environment.GetEnvironmentVariable("GPHOTOSFS_CONFIG_DIR");
        Environment.SetEnvironmentVariable("GPHOTOSFS_CONFIG_DIR", Path.Combine(temp.Path, "config"));
        try
        {
            var writerRandom = new Random(seed ^ 0x5EED);
            foreach (var export in scenario.Exports)
            {
                PartWriter.Write(export, Path.Combine(temp.Path, "exports", $"export{export.Index}"), writerRandom, features.Contains(ScenarioFeature.ExportNumberInPartNames));
            }

            if (Environment.GetEnvironmentVariable("TAKEOUT_DIFF_KEEP") is { Length: > 0 } keep)
            {
                // Keep the written parts for a look by hand (and for a reproduction outside the test).
                Directory.CreateDirectory(keep);
                Tools.Run("cp", "-a", Path.Combine(temp.Path, "exports"), Path.Combine(keep, $"seed-{seed}")).AssertSuccess("cp");
            }

            var expected = Oracle.Expect(scenario);
            var library = Path.Combine(temp.Path, "library");
            // TAKEOUT_DIFF_ADD=once|each overrides the seed's choice, to tell the two apart when a seed fails.
            var addAllAtOnce = Environment.GetEnvironmentVariable("TAKEOUT_DIFF_ADD") switch { "once" => true, "each" => false, _ => scenario.AddAllAtOnce };
            var batches = addAllAtOnce ? [scenario.Exports] : scenario.Exports.Select(e => new List<ExportPlan> { e }).ToList();
            foreach (var batch in batches)
            {
                Add(library, batch, diffs);
            }

            try
            {
                using var mount = new MountedLibrary(library, "-o", "catalog_poll=0");
                diffs.AddRange(MountComparer.Compare(expected, mount.Path));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                diffs.Add(new("mount-failed", e.Message));
            }
        }
        finally
        {
            Environment.SetEnvironmentVariable("GPHOTOSFS_CONFIG_DIR", saved);
        }

        return new SeedResult(seed, scenario.ToString(), diffs, clock.Elapsed);
    }

    private static void Add(string library, List<ExportPlan> exports, List<Difference> diffs)
    {
        var paths = exports.SelectMany(e => e.PartPaths).ToList();
        var result = Tools.RunGphotosfs(["takeout", "add", .. paths, "--library", library]);
        var output = result.Stderr + result.Stdout;
        var damaged = exports.Where(e => StructuralDamage.Contains(e.Damage)).Select(e => (Export: e, Part: Path.GetFileName(e.PartPaths[e.DamagedPart]))).ToList();
        if (damaged.Count == 0 && result.ExitCode != 0)
        {
            diffs.Add(new("add-failed", $"takeout add of {string.Join(", ", paths.Select(Path.GetFileName))} exited {result.ExitCode}: {Tail(output)}"));
        }

        foreach (var (export, part) in damaged)
        {
            if (result.ExitCode != 1)
            {
                diffs.Add(new("damage-not-reported", $"{export.Damage} in {part}: takeout add exited {result.ExitCode} (expected 1, naming the part): {Tail(output)}"));
            }
            else if (!output.Contains(part, StringComparison.Ordinal))
            {
                diffs.Add(new("damage-not-named", $"{export.Damage} in {part}: takeout add exited 1 without naming the part: {Tail(output)}"));
            }
        }
    }

    private static string Tail(string output)
    {
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return string.Join(" | ", lines.TakeLast(4));
    }
}
