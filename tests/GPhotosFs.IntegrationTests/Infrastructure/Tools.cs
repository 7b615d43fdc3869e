using System.Diagnostics;

namespace GPhotosFs.IntegrationTests.Infrastructure;

/// <summary>Runs real programs (gphotosfs itself, find, sha256sum, rsync…) and captures their output.</summary>
internal static class Tools
{
    /// <summary>
    /// The CLI from its own build output (artifacts/bin/GPhotosFs.Cli/&lt;configuration&gt;), exactly as built:
    /// the copy in this test's folder sits among the test's dependencies (the origin's ASP.NET
    /// framework), which are not the CLI's.
    /// </summary>
    public static string Gphotosfs { get; } = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "GPhotosFs.Cli", Path.GetFileName(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)), "gphotosfs"));

    public static CommandResult RunGphotosfs(params string[] args) => Run(Gphotosfs, args);

    public static CommandResult Run(string file, params string[] args) => Run(file, TimeSpan.FromMinutes(5), args);

    public static CommandResult Run(string file, TimeSpan timeout, params string[] args) => Run(file, timeout, null, args);

    /// <summary>Runs the CLI with extra environment variables (a null value removes one).</summary>
    public static CommandResult RunGphotosfsWith(IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        Run(Gphotosfs, TimeSpan.FromMinutes(5), environment, args);

    /// <summary>Runs the CLI from <paramref name="workingDirectory"/> with extra environment variables (a null value removes one).</summary>
    public static CommandResult RunGphotosfsIn(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        Run(Gphotosfs, TimeSpan.FromMinutes(5), environment, args, workingDirectory);

    public static CommandResult Run(string file, TimeSpan timeout, IReadOnlyDictionary<string, string?>? environment, string[] args, string? workingDirectory = null)
    {
        using var process = Start(file, environment, args, workingDirectory);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{file} {string.Join(' ', args)} did not finish within {timeout}");
        }

        return new CommandResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    public static Process Start(string file, params string[] args) => Start(file, null, args);

    public static Process Start(string file, IReadOnlyDictionary<string, string?>? environment, params string[] args) => Start(file, environment, args, null);

    public static Process Start(string file, IReadOnlyDictionary<string, string?>? environment, string[] args, string? workingDirectory)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory ?? "",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        var process = Process.Start(start)!;
        process.StandardInput.Close();
        return process;
    }

    public static void Signal(int pid, string signal) => Run("kill", $"-{signal}", pid.ToString()).AssertSuccess($"kill -{signal}");

    public static bool IsMounted(string path) =>
        File.ReadLines("/proc/self/mountinfo").Any(l => l.Split(' ')[4] == path);

    public static bool WaitUntil(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (condition())
            {
                return true;
            }

            Thread.Sleep(50);
        }

        return condition();
    }

    public static bool ProcessExists(int pid) => Directory.Exists($"/proc/{pid}") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);
}
