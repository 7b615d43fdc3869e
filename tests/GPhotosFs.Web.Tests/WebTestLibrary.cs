using System.Security.Cryptography;
using GPhotosFs.Catalog;
using GPhotosFs.Catalog.Health;
using GPhotosFs.Catalog.Sync;
using GPhotosFs.Originals;
using GPhotosFs.WebEmulator;
using Microsoft.Extensions.Logging.Abstractions;

namespace GPhotosFs.Web.Tests;

/// <summary>An emulated account, a fresh library (catalog, cache, state, config with the profile) and the web source's sync on it.</summary>
internal sealed class WebTestLibrary : IAsyncDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("gphotosfs-web-");

    private WebTestLibrary(WebEmulatorServer emulator)
    {
        Emulator = emulator;
        Catalog = LibraryCatalog.Open(Path.Combine(_dir.FullName, "catalog.db"), CatalogAccess.ReadWrite);
        Source = WebSync.EnsureSource(Catalog);
        Paths = new WebPaths(Path.Combine(_dir.FullName, "config"), Path.Combine(_dir.FullName, "state"), Path.Combine(_dir.FullName, "partial", "web"));
        Settings = new WebSettings { BaseUrl = emulator.BaseUri, Tabs = 2, StepTimeout = TimeSpan.FromSeconds(60), GridSettle = TimeSpan.FromSeconds(10), GridQuiet = TimeSpan.FromMilliseconds(400) };
    }

    public WebEmulatorServer Emulator { get; }

    public LibraryCatalog Catalog { get; }

    public SourceRecord Source { get; }

    public WebPaths Paths { get; }

    public WebSettings Settings { get; set; }

    public string CacheFolder => Path.Combine(_dir.FullName, "cache");

    public SourceHealthStore Health => new(Paths.StateFolder);

    public static async Task<WebTestLibrary> StartAsync(WebEmulatorOptions options) => new(await WebEmulatorServer.StartAsync(options));

    /// <summary>Puts a signed-in session into the profile the way a user on a headless server does: a cookies.txt.</summary>
    public async Task SignInAsync()
    {
        var cookies = Path.Combine(_dir.FullName, "cookies.txt");
        await File.WriteAllTextAsync(cookies, $"127.0.0.1\tFALSE\t/\tFALSE\t0\t{WebEmulatorServer.SessionCookie}\t{Emulator.IssueSession()}\n");
        var login = new WebLogin(Settings, Paths.Profile, Paths.DownloadsFolder, NullLogger.Instance);
        Assert.Equal(1, await login.ImportCookiesAsync(cookies, CancellationToken.None));
        Assert.True(await login.IsSignedInAsync(CancellationToken.None));
    }

    /// <summary>Every line the syncs of this library logged.</summary>
    public RecordingLogger Log { get; } = new();

    public async Task<SyncOutcome> SyncAsync(bool full = false, List<SyncProgress>? progress = null)
    {
        var options = new OriginalsOptions();
        var origin = new DownloadedOriginals();
        using var cache = new CachedOriginals(CacheFolder, Path.Combine(_dir.FullName, "partial"), origin, new OriginResilience(options), options, NullLogger.Instance);
        var sync = new WebSync(Catalog, Paths, Health, origin, cache, Log) { Settings = Settings };
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        return await sync.SyncAsync(Source, new SyncRequest(full, progress is null ? null : new ListProgress(progress)), timeout.Token);
    }

    /// <summary>The cache's photos/ tree: relative path → SHA-256.</summary>
    public Dictionary<string, string> CachedTree() =>
        Directory.Exists(Path.Combine(CacheFolder, "photos"))
            ? Directory.EnumerateFiles(Path.Combine(CacheFolder, "photos"), "*", SearchOption.AllDirectories)
                .ToDictionary(f => Path.GetRelativePath(CacheFolder, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))))
            : [];

    public Dictionary<string, string> ExpectedTree() =>
        Emulator.Library.ExpectedTree().ToDictionary(e => e.Path, e => Convert.ToHexString(SHA256.HashData(e.Bytes)));

    public async ValueTask DisposeAsync()
    {
        Catalog.Dispose();
        await Emulator.DisposeAsync();
        Assert.Empty(ChromiumProcesses.OnProfile(Paths.Profile)); // the browser never outlives the sync
        _dir.Delete(recursive: true);
    }

    private sealed class ListProgress(List<SyncProgress> list) : IProgress<SyncProgress>
    {
        public void Report(SyncProgress value)
        {
            lock (list) list.Add(value);
        }
    }
}
