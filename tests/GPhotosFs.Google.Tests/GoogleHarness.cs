using GPhotosFs.Catalog;
using GPhotosFs.Catalog.Health;
using GPhotosFs.GoogleEmulator;
using GPhotosFs.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;

namespace GPhotosFs.Google.Tests;

/// <summary>
/// An emulated Google account and a library authorized against it, the way a user gets there: a
/// client_secret.json, config.json "endpoints" pointing at the emulator, and the browser flow
/// (this harness plays the browser: it GETs the printed URL and follows the redirect).
/// </summary>
public sealed class GoogleHarness : IAsyncDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("gphotosfs-google-");
    private readonly List<IDisposable> _owned = [];

    private GoogleHarness(GoogleEmulatorServer emulator) => Emulator = emulator;

    public GoogleEmulatorServer Emulator { get; }

    public string ConfigFolder => Path.Combine(_dir.FullName, "config");

    public string StateFolder => Path.Combine(_dir.FullName, "state");

    public string CatalogPath => Path.Combine(_dir.FullName, "catalog.db");

    public SourceHealthStore Health => new(StateFolder);

    /// <param name="time">The emulator's clock (URL and token expiry), for tests that move time by hand.</param>
    public static async Task<GoogleHarness> StartAsync(EmulatorOptions options, bool authorize = true, TimeProvider? time = null)
    {
        var harness = new GoogleHarness(await GoogleEmulatorServer.StartAsync(options, time));
        EmulatedGoogleAccount.Prepare(harness.Emulator, harness._dir.FullName, harness.ConfigFolder);
        if (authorize) await harness.AuthorizeAsync();
        return harness;
    }

    public string ClientSecretPath => Path.Combine(_dir.FullName, "client_secret.json");

    /// <summary>Runs the real authorization flow, playing the browser.</summary>
    public Task AuthorizeAsync() => EmulatedGoogleAccount.AuthorizeAsync(ConfigFolder, ClientSecretPath);

    public LibraryCatalog OpenCatalog()
    {
        var catalog = LibraryCatalog.Open(CatalogPath, CatalogAccess.ReadWrite);
        _owned.Add(catalog);
        return catalog;
    }

    /// <summary>A connection as the CLI makes one (quick retries: the emulator's Retry-After is 1 s).</summary>
    public GoogleConnection Connect(long sourceId)
    {
        var connection = new GoogleConnection(ConfigFolder, Health, sourceId, NullLogger.Instance, apiOptions: new GoogleApiOptions { FirstBackoff = TimeSpan.FromMilliseconds(50), ThrottleDelay = TimeSpan.FromMilliseconds(200) });
        _owned.Add(connection);
        return connection;
    }

    public static int FreePort() => EmulatedGoogleAccount.FreePort();

    public async ValueTask DisposeAsync()
    {
        foreach (var owned in Enumerable.Reverse(_owned)) owned.Dispose();
        await Emulator.DisposeAsync();
        try
        {
            _dir.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
