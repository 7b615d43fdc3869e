using GPhotosFs.Google;
using Microsoft.Extensions.Logging;

namespace GPhotosFs.Drive;

/// <summary>
/// What the Drive source needs to talk to Drive, built from the library's config folder: the
/// endpoints (<c>GPHOTOSFS_DRIVE_API_URL</c> or <c>"drive_api_url"</c>), the stored authorization
/// (loaded on first use: a mount starts before anyone authorized), the REST client and the parts it reads.
/// </summary>
public sealed class DriveConnection : IDisposable
{
    public DriveConnection(string configFolder, HttpClient http, ILogger? logger = null, DriveOptions? options = null)
    {
        var endpoints = GoogleEndpoints.Resolve(configFolder);
        Credentials = GoogleAuthorization.Load(configFolder, endpoints);
        Client = new DriveClient(http, Credentials, endpoints.DriveApiUrl, options, logger);
        Parts = new DrivePartStorages(Client);
    }

    public GoogleCredentials Credentials { get; }

    public DriveClient Client { get; }

    public DrivePartStorages Parts { get; }

    public void Dispose() => Credentials.Dispose();
}
