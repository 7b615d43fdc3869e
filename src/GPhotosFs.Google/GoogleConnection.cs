using GPhotosFs.Catalog.Health;
using GPhotosFs.Originals;
using Microsoft.Extensions.Logging;

namespace GPhotosFs.Google;

/// <summary>
/// Everything one Google source needs to talk to Google, built from the library's config folder:
/// endpoints, the stored authorization (loaded on first use), the shared request budget, the
/// Library and Picker API clients, and the download path (expiring baseUrls through the budget).
/// Records auth failures in the source's health so <c>status</c> shows them.
/// </summary>
public sealed class GoogleConnection : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;

    public GoogleConnection(string configFolder, SourceHealthStore health, long sourceId, ILogger logger, HttpClient? http = null, GoogleApiOptions? apiOptions = null)
    {
        Endpoints = GoogleEndpoints.Resolve(configFolder);
        _ownsHttp = http is null;
        _http = http ?? new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 16, PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = Timeout.InfiniteTimeSpan };
        Health = health;
        SourceId = sourceId;
        Credentials = GoogleAuthorization.Load(configFolder, Endpoints);
        Credentials.AuthBroken += message => health.Update(sourceId, h => h with { AuthState = SourceHealth.AuthBroken, AuthMessage = message });
        Credentials.AuthRestored += RecordAuthOk;
        Budget = new RequestBudget(health, sourceId, logger: logger);
        Client = new GoogleApiClient(_http, Credentials, Budget, logger, apiOptions);
        Library = new LibraryApi(Client, Endpoints.LibraryApiUrl);
        Picker = new PickerApi(Client, Endpoints.PickerApiUrl);
        LibraryUrls = new LibraryDownloadUrls(Library);
        LibraryOrigin = new BudgetedOrigin(new HttpOrigin(_http, LibraryUrls), Budget);
    }

    public GoogleEndpoints Endpoints { get; }

    public SourceHealthStore Health { get; }

    public long SourceId { get; }

    public GoogleCredentials Credentials { get; }

    public RequestBudget Budget { get; }

    public GoogleApiClient Client { get; }

    public LibraryApi Library { get; }

    public PickerApi Picker { get; }

    public LibraryDownloadUrls LibraryUrls { get; }

    /// <summary>Library items' bytes: fresh baseUrls, counted against the media quota.</summary>
    public IOriginOpener LibraryOrigin { get; }

    public HttpClient Http => _http;

    /// <summary>Marks the source's auth as working (after a call succeeded).</summary>
    public void RecordAuthOk()
    {
        if (Health.Read(SourceId).AuthState != SourceHealth.AuthOk)
        {
            Health.Update(SourceId, h => h with { AuthState = SourceHealth.AuthOk, AuthMessage = null });
        }
    }

    /// <summary>A call reached Google: clears "unavailable" from the source's health.</summary>
    public void RecordReachable()
    {
        if (Health.Read(SourceId).Unavailable is not null)
        {
            Health.Update(SourceId, h => h with { Unavailable = null });
        }
    }

    /// <summary>Google could not be reached (network, 5xx after retries): the source is unavailable until a call gets through.</summary>
    public void RecordUnreachable(string message) => Health.Update(SourceId, h => h with { Unavailable = message });

    public void Dispose()
    {
        Budget.Flush();
        LibraryUrls.Dispose();
        Credentials.Dispose();
        if (_ownsHttp) _http.Dispose();
    }
}
