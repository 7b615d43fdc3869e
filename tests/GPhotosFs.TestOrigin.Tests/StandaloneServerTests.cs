using System.Diagnostics;
using System.Net;

namespace GPhotosFs.TestOrigin.Tests;

/// <summary>The standalone server as a real process, the way bench scripts use it.</summary>
public sealed class StandaloneServerTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("gphotosfs-origin-root-");
    private readonly byte[] _photo = new byte[100_000];

    public StandaloneServerTests()
    {
        new Random(5).NextBytes(_photo);
        Directory.CreateDirectory(Path.Combine(_root.FullName, "2021", "07"));
        File.WriteAllBytes(Path.Combine(_root.FullName, "2021", "07", "IMG_1.jpg"), _photo);
    }

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public async Task Serves_the_root_by_relative_path_with_ranges_to_httpclient_and_curl_and_stops_when_stdin_closes()
    {
        using var origin = await OriginProcess.StartAsync(["--root", _root.FullName, "--port", "0", "--latency-ms", "1", "--seed", "3"]);
        var url = new Uri(origin.BaseUri, "files/2021/07/IMG_1.jpg");

        using (var client = new HttpClient())
        using (var request = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { Range = new(1000, 1999) } })
        using (var response = await client.SendAsync(request))
        {
            Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
            Assert.Equal($"bytes 1000-1999/{_photo.Length}", response.Content.Headers.ContentRange?.ToString());
            Assert.Equal(_photo[1000..2000], await response.Content.ReadAsByteArrayAsync());
        }

        await CurlRangeAsync(url);

        origin.CloseStdin();
        var (exitCode, stderr) = await origin.WaitForExitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, exitCode);
        Assert.Contains("stopping after", stderr);
    }

    /// <summary>curl is what bench scripts use; without it the test has nothing to say, except on CI, where its absence is a broken machine.</summary>
    private async Task CurlRangeAsync(Uri url)
    {
        var curl = FindOnPath("curl");
        if (curl is null)
        {
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true", "curl is missing on CI (apt-get install -y curl)");
            return;
        }
        var output = Path.Combine(_root.FullName, "curl.out");
        var info = new ProcessStartInfo(curl)
        {
            ArgumentList = { "-sS", "--fail", "-r", "99990-", "-o", output, "-w", "%{http_code}", url.ToString() },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(info)!;
        var status = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, $"curl failed ({process.ExitCode}): {error}");
        Assert.Equal("206", status);
        Assert.Equal(_photo[99990..], await File.ReadAllBytesAsync(output));
    }

    [Fact]
    public async Task Keeps_running_as_a_background_job_with_stdin_from_dev_null_and_stops_on_sigterm()
    {
        using var origin = await OriginProcess.StartAsync(["--root", _root.FullName], stdinFromDevNull: true);
        using var client = new HttpClient();

        // /dev/null reads EOF at once; the server must not take that for "stop".
        await Task.Delay(300);
        using (var response = await client.GetAsync(new Uri(origin.BaseUri, "files/2021/07/IMG_1.jpg")))
            Assert.Equal(_photo, await response.Content.ReadAsByteArrayAsync());
        Assert.False(origin.HasExited);

        origin.Terminate();
        var (exitCode, _) = await origin.WaitForExitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, exitCode);
    }

    [Fact]
    public async Task Fault_options_reach_the_server()
    {
        using var origin = await OriginProcess.StartAsync(["--root", _root.FullName, "--fault-rate", "1", "--fault-kinds", "429", "--retry-after-s", "7"]);
        using var client = new HttpClient();

        using var response = await client.GetAsync(new Uri(origin.BaseUri, "files/2021/07/IMG_1.jpg"));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task Help_documents_the_options_and_a_bad_option_exits_2()
    {
        var (helpCode, helpOut, _) = await RunAsync("--help");
        var (badCode, _, badErr) = await RunAsync("--root", _root.FullName, "--bogus");

        Assert.Equal(0, helpCode);
        foreach (var option in new[] { "--root", "--port", "--latency-ms", "--bandwidth", "--fault-rate", "--seed" })
            Assert.Contains(option, helpOut);
        Assert.Equal(2, badCode);
        Assert.Contains("--bogus", badErr);
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var info = new ProcessStartInfo(OriginProcess.DotnetHost) { ArgumentList = { OriginProcess.DllPath }, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
