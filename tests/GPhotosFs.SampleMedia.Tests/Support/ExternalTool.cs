using System.Diagnostics;
using Xunit.Abstractions;

namespace GPhotosFs.SampleMedia.Tests.Support;

/// <summary>
/// Finds and runs the command-line tools (djpeg, exiftool) used as independent judges of our output.
/// Missing tools skip the check locally, but fail it in CI (CI=true), which installs them: a silently
/// skipped verification in CI would be a hole nobody notices.
/// </summary>
internal static class ExternalTool
{
    /// <summary>The tool's full path, or null when it is absent (after failing the test if running in CI).</summary>
    public static string? Require(string name, string debianPackage, ITestOutputHelper output)
    {
        string? path = FindOnPath(name);
        if (path is not null) return path;

        string message = $"'{name}' is not on PATH (Debian package {debianPackage}).";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            Assert.Fail(message + " CI must install it.");
        output.WriteLine(message + " Skipping this check; install it to run it.");
        return null;
    }

    public static string? FindOnPath(string name)
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(dir, name);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>Runs the tool; returns exit code, stdout (as bytes, since djpeg writes images) and stderr.</summary>
    public static (int ExitCode, byte[] Stdout, string Stderr) Run(string path, params string[] arguments)
    {
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {path}.");
        var stderr = process.StandardError.ReadToEndAsync();
        using var stdout = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(stdout);
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{Path.GetFileName(path)} did not finish within 60 s.");
        }
        return (process.ExitCode, stdout.ToArray(), stderr.Result);
    }
}
