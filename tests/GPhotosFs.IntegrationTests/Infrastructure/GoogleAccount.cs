using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using GPhotosFs.Catalog;
using GPhotosFs.GoogleEmulator;

namespace GPhotosFs.IntegrationTests.Infrastructure;

/// <summary>
/// An emulated Google account and a fresh library folder for the real CLI. The endpoint and config
/// folder variables are set on this test process for its lifetime, so every gphotosfs it starts
/// (auth, sync, the mount daemon) talks to the emulator; the tests of this assembly run one at a time.
/// </summary>
internal sealed class GoogleAccount : IAsyncDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("gphotosfs-glib-");
    private readonly Dictionary<string, string?> _saved = [];

    private GoogleAccount(GoogleEmulatorServer emulator)
    {
        Emulator = emulator;
        var variables = new Dictionary<string, string>(emulator.Environment()) { ["GPHOTOSFS_CONFIG_DIR"] = ConfigFolder };
        foreach (var (name, value) in variables)
        {
            _saved[name] = Environment.GetEnvironmentVariable(name);
            Environment.SetEnvironmentVariable(name, value);
        }

        File.WriteAllText(ClientSecretPath, emulator.ClientSecretJson());
    }

    public GoogleEmulatorServer Emulator { get; }

    /// <summary>Sets a variable for every gphotosfs this test starts, until the account is disposed.</summary>
    public void SetEnvironment(string name, string? value)
    {
        _saved.TryAdd(name, Environment.GetEnvironmentVariable(name));
        Environment.SetEnvironmentVariable(name, value);
    }

    public string Library => Path.Combine(_dir.FullName, "library");

    public string ConfigFolder => Path.Combine(_dir.FullName, "config");

    public string ClientSecretPath => Path.Combine(_dir.FullName, "client_secret.json");

    public static async Task<GoogleAccount> StartAsync(EmulatorOptions options) => new(await GoogleEmulatorServer.StartAsync(options));

    /// <summary>`gphotosfs auth`, with this test playing the browser: open the printed URL, follow Google's redirect to the loopback port.</summary>
    /// <param name="libraryOption">Pass --library (else the command must find the library by itself, e.g. from the config).</param>
    /// <param name="drive">Pass --drive (grant drive.readonly too).</param>
    public CommandResult Authorize(bool libraryOption = true, bool drive = false)
    {
        var port = FreePort();
        using var process = Tools.Start(Tools.Gphotosfs, [.. new[] { "auth", "--client-secret", ClientSecretPath, "--port", port.ToString() }, .. libraryOption ? new[] { "--library", Library } : [],
            .. drive ? new[] { "--drive" } : []]);
        var stderr = process.StandardError.ReadToEndAsync();
        var url = process.StandardOutput.ReadLine();
        Assert.False(string.IsNullOrEmpty(url), "auth printed no URL");
        Assert.StartsWith(Emulator.AuthUrl.ToString(), url);
        using (var browser = new HttpClient())
        {
            var landing = browser.GetAsync(url).GetAwaiter().GetResult();
            Assert.Equal(HttpStatusCode.OK, landing.StatusCode);
            Assert.Equal(port, landing.RequestMessage!.RequestUri!.Port); // the browser ended on gphotosfs's receiver
        }

        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)), "auth did not finish after the redirect");
        return new CommandResult(process.ExitCode, url!, stderr.GetAwaiter().GetResult());
    }

    /// <summary>`gphotosfs auth` started and its printed URL read, the browser not yet involved.</summary>
    public PendingAuthorization StartAuthorize()
    {
        var port = FreePort();
        var process = Tools.Start(Tools.Gphotosfs, "auth", "--library", Library, "--client-secret", ClientSecretPath, "--port", port.ToString());
        var stderr = process.StandardError.ReadToEndAsync();
        var url = process.StandardOutput.ReadLine();
        Assert.False(string.IsNullOrEmpty(url), "auth printed no URL");
        return new PendingAuthorization(process, url!, port, stderr);
    }

    public CommandResult Sync(params string[] extra) => Tools.RunGphotosfs(["sync", "--library", Library, .. extra]);

    /// <summary>Every item the catalog shows, with the emulator's original bytes for it.</summary>
    public IReadOnlyList<(string MountPath, byte[] Original)> ExpectedFiles()
    {
        using var catalog = LibraryCatalog.Open(Path.Combine(Library, "catalog.db"), CatalogAccess.ReadOnly);
        return catalog.ReadTreeItems()
            .Select(row => catalog.GetItem(row.Id)!)
            .Select(item => ($"{item.DirPath}/{item.Name}", Emulator.Library.Bytes(Emulator.Library.Find(item.SourceItemId) ?? throw new InvalidOperationException($"{item.SourceItemId} is not in the emulator"))))
            .ToList();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (name, value) in _saved) Environment.SetEnvironmentVariable(name, value);
        await Emulator.DisposeAsync();
        _dir.Delete(recursive: true);
    }
}

/// <summary>A running `gphotosfs auth`: the URL it printed and the loopback port it waits on.</summary>
internal sealed record PendingAuthorization(Process Process, string Url, int Port, Task<string> Stderr) : IDisposable
{
    public CommandResult Finish()
    {
        Assert.True(Process.WaitForExit(TimeSpan.FromSeconds(30)), "auth did not finish");
        return new CommandResult(Process.ExitCode, Url, Stderr.GetAwaiter().GetResult());
    }

    public void Dispose()
    {
        if (!Process.HasExited) Process.Kill();
        Process.Dispose();
    }
}
