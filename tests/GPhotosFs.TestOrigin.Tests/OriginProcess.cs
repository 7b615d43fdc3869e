using System.Diagnostics;
using System.Runtime.InteropServices;

namespace GPhotosFs.TestOrigin.Tests;

/// <summary>The standalone server (<c>dotnet GPhotosFs.TestOrigin.dll …</c>) as bench scripts run it, for tests.</summary>
public sealed class OriginProcess : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stderr;

    private OriginProcess(Process process, Uri baseUri)
    {
        _process = process;
        BaseUri = baseUri;
        _stderr = process.StandardError.ReadToEndAsync();
    }

    public Uri BaseUri { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>The dll next to the tests: the project reference copies it with its runtimeconfig and deps files.</summary>
    public static string DllPath => Path.Combine(AppContext.BaseDirectory, "GPhotosFs.TestOrigin.dll");

    /// <summary>The dotnet running these tests (the SDK exports it), so the server runs on the same runtime.</summary>
    public static string DotnetHost => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    /// <summary>Starts the server and waits for its "listening on" line; with <paramref name="stdinFromDevNull"/>, as a background job in a script would.</summary>
    public static async Task<OriginProcess> StartAsync(IEnumerable<string> args, bool stdinFromDevNull = false)
    {
        var info = stdinFromDevNull
            ? new ProcessStartInfo("bash") { ArgumentList = { "-c", "exec \"$0\" \"$@\" </dev/null", DotnetHost, DllPath } }
            : new ProcessStartInfo(DotnetHost) { ArgumentList = { DllPath } };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.RedirectStandardInput = !stdinFromDevNull;
        info.UseShellExecute = false;
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the origin");

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        const string prefix = "listening on ";
        if (line is null || !line.StartsWith(prefix, StringComparison.Ordinal))
        {
            process.Kill();
            throw new InvalidOperationException($"the origin printed '{line}' instead of '{prefix}…': {await process.StandardError.ReadToEndAsync()}");
        }
        return new OriginProcess(process, new Uri(line[prefix.Length..] + "/"));
    }

    /// <summary>Closes the server's stdin, which is how a parent script that dies takes it along.</summary>
    public void CloseStdin() => _process.StandardInput.Close();

    public void Terminate()
    {
        if (kill(_process.Id, 15 /* SIGTERM */) != 0) throw new InvalidOperationException($"kill failed: errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>Waits for the exit; returns the exit code and everything written to stderr.</summary>
    public async Task<(int ExitCode, string Stderr)> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return (_process.ExitCode, await _stderr);
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }

    // DllImport rather than LibraryImport, which would need unsafe code enabled for one call.
    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
