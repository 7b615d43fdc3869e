using GPhotosFs.Google;
using GPhotosFs.GoogleEmulator;
using GPhotosFs.Tests.Shared;

namespace GPhotosFs.Drive.Tests;

/// <summary>
/// An emulated Google account with a Drive, and a library authorized against it with the Drive
/// scope the way `gphotosfs auth --drive` does it (<see cref="EmulatedGoogleAccount"/>, shared with the Google tests' harness).
/// </summary>
public sealed class DriveHarness : IAsyncDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("gphotosfs-drive-");
    private readonly List<IDisposable> _owned = [];

    private DriveHarness(GoogleEmulatorServer emulator) => Emulator = emulator;

    public GoogleEmulatorServer Emulator { get; }

    public string Folder => _dir.FullName;

    public string ConfigFolder => Path.Combine(_dir.FullName, "config");

    public static async Task<DriveHarness> StartAsync(bool withDriveScope = true)
    {
        var h = new DriveHarness(await GoogleEmulatorServer.StartAsync(new EmulatorOptions { ItemCount = 1, AlbumCount = 0 }));
        var secret = EmulatedGoogleAccount.Prepare(h.Emulator, h.Folder, h.ConfigFolder);
        await EmulatedGoogleAccount.AuthorizeAsync(h.ConfigFolder, secret, withDriveScope ? GoogleScopes.AllWithDrive : GoogleScopes.All);
        return h;
    }

    /// <summary>A client as the CLI makes one, with quick backoff (the faults here are storms of a few requests).</summary>
    public DriveClient Client(DriveOptions? options = null)
    {
        var endpoints = GoogleEndpoints.Resolve(ConfigFolder, _ => null);
        var credentials = GoogleAuthorization.Load(ConfigFolder, endpoints);
        var http = new HttpClient();
        _owned.Add(credentials);
        _owned.Add(http);
        return new DriveClient(http, credentials, endpoints.DriveApiUrl, options ?? new DriveOptions { FirstBackoff = TimeSpan.FromMilliseconds(10), MaxBackoff = TimeSpan.FromMilliseconds(100) });
    }

    /// <summary>A bearer token with the Drive scope, for raw HTTP checks of the emulator.</summary>
    public async Task<HttpClient> RawClientAsync()
    {
        var endpoints = GoogleEndpoints.Resolve(ConfigFolder, _ => null);
        var credentials = GoogleAuthorization.Load(ConfigFolder, endpoints);
        _owned.Add(credentials);
        var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await credentials.GetAccessTokenAsync(CancellationToken.None));
        _owned.Add(http);
        return http;
    }

    public Uri Api(string relative) => new(Emulator.DriveApiUrl, "drive/v3/" + relative);

    /// <summary>A file of <paramref name="length"/> deterministic bytes in the harness folder.</summary>
    public string BytesFile(string name, int length, int seed = 1)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        var path = Path.Combine(Folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

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
