using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using GPhotosFs.Google;
using GPhotosFs.GoogleEmulator;

namespace GPhotosFs.Tests.Shared;

/// <summary>
/// What every harness over the Google emulator does to get a library authorized against it, the way
/// a user gets there: a client_secret.json, config.json "endpoints" pointing at the emulator, and
/// the browser flow (the harness plays the browser: it GETs the printed URL and follows the redirect).
/// </summary>
public static class EmulatedGoogleAccount
{
    /// <summary>Writes the client secret and the endpoints (Library, Picker, Drive, OAuth) into <paramref name="folder"/>; returns the secret's path.</summary>
    public static string Prepare(GoogleEmulatorServer emulator, string folder, string configFolder)
    {
        Directory.CreateDirectory(configFolder);
        var secret = Path.Combine(folder, "client_secret.json");
        File.WriteAllText(secret, emulator.ClientSecretJson());
        File.WriteAllText(Path.Combine(configFolder, GoogleEndpoints.ConfigFileName), JsonSerializer.Serialize(new
        {
            endpoints = new
            {
                oauth_auth_url = emulator.AuthUrl.ToString(),
                oauth_token_url = emulator.TokenUrl.ToString(),
                library_api_url = emulator.LibraryApiUrl.ToString(),
                picker_api_url = emulator.PickerApiUrl.ToString(),
                drive_api_url = emulator.DriveApiUrl.ToString(),
            },
            unrelated = "kept", // a key gphotosfs does not know, which its config writes must keep
        }));
        return secret;
    }

    /// <summary>Runs the real authorization flow for <paramref name="scopes"/> (default: Library and Picker), playing the browser.</summary>
    public static async Task AuthorizeAsync(string configFolder, string clientSecretPath, IReadOnlyList<string>? scopes = null)
    {
        Task? browser = null;
        var credential = await GoogleAuthorization.AuthorizeAsync(
            configFolder, GoogleEndpoints.Resolve(configFolder, _ => null), clientSecretPath, FreePort(),
            url => browser = Task.Run(async () =>
            {
                using var http = new HttpClient(); // follows the 302 to the loopback receiver, as a browser would
                (await http.GetAsync(url)).EnsureSuccessStatusCode();
            }),
            TimeSpan.FromSeconds(30), CancellationToken.None, scopes: scopes);
        await browser!;
        Assert.NotNull(credential.Token.RefreshToken);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
