using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using GPhotosFs.Tests.Shared.Hosting;
using Microsoft.AspNetCore.Http;

namespace GPhotosFs.GoogleEmulator;

/// <summary>
/// Google's OAuth server, Photos Library API, Picker API and media download servers on one
/// loopback port, answering as Google's documentation says they do (paths, page-size limits,
/// error bodies, quotas). Paths: OAuth <c>/o/oauth2/v2/auth</c> and <c>/token</c>, Library API
/// under <c>/library/</c>, Picker API under <c>/picker/</c>, the picker page <c>/pick/{session}</c>,
/// media <c>/lh/…</c> (Library baseUrls) and <c>/pk/…</c> (Picker baseUrls, bearer token needed),
/// Drive v3 under <c>/drive/v3/</c> (see GoogleEmulatorServer.Drive.cs).
/// </summary>
public sealed partial class GoogleEmulatorServer : IAsyncDisposable
{
    public const string LibraryScope = "https://www.googleapis.com/auth/photoslibrary.readonly.appcreateddata";
    public const string PickerScope = "https://www.googleapis.com/auth/photospicker.mediaitems.readonly";

    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
    private readonly WebApplication _app;
    private readonly EmulatorOptions _options;
    private readonly TimeProvider _time;
    private readonly byte[] _urlKey = RandomNumberGenerator.GetBytes(32);
    private int _disposed;

    private GoogleEmulatorServer(WebApplication app, EmulatorOptions options, TimeProvider time)
    {
        _app = app;
        _options = options;
        _time = time;
        Library = new EmulatedLibrary(options);
        OAuth = new EmulatedOAuth(options, time);
        Sessions = new PickerSessions(time);
        Drive = new EmulatedDrive(time);
        Faults.QuotasReset += Counters.ResetQuotaDay;
    }

    /// <summary>e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUri { get; private set; } = null!;

    public EmulatedLibrary Library { get; }

    public EmulatedOAuth OAuth { get; }

    public PickerSessions Sessions { get; }

    public EmulatedDrive Drive { get; }

    /// <summary>What GPHOTOSFS_DRIVE_API_URL holds: the stand-in for https://www.googleapis.com (the client appends drive/v3/…).</summary>
    public Uri DriveApiUrl => BaseUri;

    public EmulatorFaults Faults { get; } = new();

    public EmulatorCounters Counters { get; } = new();

    public EmulatorOptions Options => _options;

    public Uri AuthUrl => new(BaseUri, "o/oauth2/v2/auth");

    public Uri TokenUrl => new(BaseUri, "token");

    public Uri LibraryApiUrl => new(BaseUri, "library/");

    public Uri PickerApiUrl => new(BaseUri, "picker/");

    /// <summary>The client_secret.json a user downloads for a Desktop OAuth client, pointing at this emulator.</summary>
    public string ClientSecretJson() => JsonSerializer.Serialize(new
    {
        installed = new
        {
            client_id = _options.ClientId,
            client_secret = _options.ClientSecret,
            auth_uri = AuthUrl.ToString(),
            token_uri = TokenUrl.ToString(),
            redirect_uris = new[] { "http://localhost" },
        },
    });

    /// <summary>The environment variables that point gphotosfs at this emulator.</summary>
    public IReadOnlyDictionary<string, string> Environment() => new Dictionary<string, string>
    {
        ["GPHOTOSFS_OAUTH_AUTH_URL"] = AuthUrl.ToString(),
        ["GPHOTOSFS_OAUTH_TOKEN_URL"] = TokenUrl.ToString(),
        ["GPHOTOSFS_LIBRARY_API_URL"] = LibraryApiUrl.ToString(),
        ["GPHOTOSFS_PICKER_API_URL"] = PickerApiUrl.ToString(),
        ["GPHOTOSFS_DRIVE_API_URL"] = DriveApiUrl.ToString(),
    };

    public static async Task<GoogleEmulatorServer> StartAsync(EmulatorOptions? options = null, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        options ??= new EmulatorOptions();
        var app = LoopbackHost.Build(options.Port);
        var server = new GoogleEmulatorServer(app, options, time ?? TimeProvider.System);
        server.BaseUri = await LoopbackHost.StartAsync(app, server.HandleAsync, cancellationToken);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await LoopbackHost.StopAsync(_app);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var method = context.Request.Method;
        try
        {
            switch (path)
            {
                case "/o/oauth2/v2/auth" when method == "GET":
                    Authorize(context);
                    return;
                case "/token" when method == "POST":
                    await TokenAsync(context);
                    return;
                case "/library/v1/mediaItems" when method == "GET":
                    await LibraryApiAsync(context, "mediaItems.list", ListMediaItems);
                    return;
                case "/library/v1/mediaItems:search" when method == "POST":
                    var body = await JsonSerializer.DeserializeAsync<SearchRequest>(context.Request.Body, cancellationToken: context.RequestAborted);
                    await LibraryApiAsync(context, "mediaItems.search", c => SearchMediaItems(body));
                    return;
                case "/library/v1/mediaItems:batchGet" when method == "GET":
                    await LibraryApiAsync(context, "mediaItems.batchGet", BatchGet);
                    return;
                case "/library/v1/albums" when method == "GET":
                    await LibraryApiAsync(context, "albums.list", ListAlbums);
                    return;
                case "/picker/v1/sessions" when method == "POST":
                    await PickerApiAsync(context, "sessions.create", _ => Ok(SessionJson(Sessions.Create(2000, _options.PickerTimeout))));
                    return;
                case "/picker/v1/mediaItems" when method == "GET":
                    await PickerApiAsync(context, "pickedMediaItems.list", ListPicked);
                    return;
                case "/emulator/faults" when method == "POST":
                    // For bench scripts: ?media_fault_rate=0.2&drive_latency_ms=50 (not counted).
                    if (double.TryParse(context.Request.Query["media_fault_rate"], CultureInfo.InvariantCulture, out var rate)) Faults.MediaFaultRate = rate;
                    if (double.TryParse(context.Request.Query["drive_latency_ms"], CultureInfo.InvariantCulture, out var latency)) Faults.DriveLatency = TimeSpan.FromMilliseconds(latency);
                    await WriteAsync(context, Ok(new { media_fault_rate = Faults.MediaFaultRate, drive_latency_ms = Faults.DriveLatency.TotalMilliseconds }));
                    return;
                case "/emulator/album-edits" when method == "POST":
                    // For bench scripts: what a user does to albums without uploading (not counted).
                    var first = Library.Albums()[0];
                    Library.MakeAlbum("Made later", 1, 2, 3);
                    Library.SwapInAlbum(0, first.ItemIndexes[0], Enumerable.Range(0, Library.Count).First(n => !first.ItemIndexes.Contains(n)));
                    if (Library.Albums().Count > 1) Library.RenameAlbum(1, "Renamed album");
                    await WriteAsync(context, Ok(new { }));
                    return;
                case "/emulator/counters" when method == "GET":
                    // For bench scripts: what the emulator answered so far (not itself counted).
                    await WriteAsync(context, Ok(new { api = Counters.ApiRequests, media = Counters.MediaRequests, total = Counters.Total, drive_requests = Counters.DriveRequests, drive_media_bytes = Counters.DriveMediaBytes, endpoints = Counters.Snapshot() }));
                    return;
            }

            if (path.StartsWith("/drive/v3/files", StringComparison.Ordinal) && method == "GET")
            {
                await DriveAsync(context, path["/drive/v3/files".Length..]);
                return;
            }

            if (path.StartsWith("/picker/v1/sessions/", StringComparison.Ordinal))
            {
                var id = path["/picker/v1/sessions/".Length..];
                if (method == "GET")
                {
                    await PickerApiAsync(context, "sessions.get", _ => Sessions.Get(id) is { } s ? Ok(SessionJson(s)) : Error(404, "Requested entity was not found.", "NOT_FOUND"));
                    return;
                }

                if (method == "DELETE")
                {
                    await PickerApiAsync(context, "sessions.delete", _ => Sessions.Delete(id) ? Ok(new { }) : Error(404, "Requested entity was not found.", "NOT_FOUND"));
                    return;
                }
            }

            if (path.StartsWith("/pick/", StringComparison.Ordinal) && method == "GET")
            {
                PickerPage(context, path["/pick/".Length..]);
                return;
            }

            if ((path.StartsWith("/lh/", StringComparison.Ordinal) || path.StartsWith("/pk/", StringComparison.Ordinal)) && method is "GET" or "HEAD")
            {
                await DownloadAsync(context, path);
                return;
            }

            Counters.Count("unknown");
            await WriteAsync(context, Error(404, $"No such endpoint: {method} {path}", "NOT_FOUND"));
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // the client went away
        }
    }

    // ---- OAuth ----------------------------------------------------------------------------------

    private void Authorize(HttpContext context)
    {
        Counters.Count("oauth.authorize");
        var q = context.Request.Query;
        var redirect = q["redirect_uri"].ToString();
        if (q["client_id"] != _options.ClientId)
        {
            context.Response.StatusCode = 401;
            return;
        }

        if (!Uri.TryCreate(redirect, UriKind.Absolute, out var redirectUri) || !redirectUri.IsLoopback || q["response_type"] != "code")
        {
            context.Response.StatusCode = 400; // Google shows "Error 400: invalid_request" to the user and never redirects
            return;
        }

        var state = q["state"].FirstOrDefault();
        var challenge = q["code_challenge"].FirstOrDefault();
        var challengeMethod = q["code_challenge_method"].FirstOrDefault();
        OAuth.RecordAuthorizeRequest(state, challengeMethod);
        if (_options.RequireStateAndPkce && (string.IsNullOrEmpty(state) || string.IsNullOrEmpty(challenge) || challengeMethod != "S256"))
        {
            context.Response.StatusCode = 400; // as strict as a careful provider: no state or no S256 challenge, no consent screen
            return;
        }

        if (OAuth.DenyConsent)
        {
            // The user pressed Cancel (or is not a test user): Google redirects with an error and no description.
            context.Response.StatusCode = 302;
            context.Response.Headers.Location = $"{redirect}{(redirect.Contains('?') ? '&' : '?')}error=access_denied" + (state is null ? "" : $"&state={Uri.EscapeDataString(state)}");
            return;
        }

        // The consent screen, accepted at once: redirect to the app's loopback receiver with a code.
        var code = OAuth.IssueCode(redirect, q["scope"].ToString(), challenge, challengeMethod);
        var target = $"{redirect}{(redirect.Contains('?') ? '&' : '?')}code={Uri.EscapeDataString(code)}&scope={Uri.EscapeDataString(q["scope"].ToString())}" +
                     (state is null ? "" : $"&state={Uri.EscapeDataString(state)}");
        context.Response.StatusCode = 302;
        context.Response.Headers.Location = target;
    }

    private async Task TokenAsync(HttpContext context)
    {
        Counters.Count("oauth.token");
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var (status, body) = OAuth.Token(form.ToDictionary(f => f.Key, f => f.Value.ToString()));
        await WriteAsync(context, new Answer(status, body));
    }

    // ---- Library API ----------------------------------------------------------------------------

    private async Task LibraryApiAsync(HttpContext context, string endpoint, Func<HttpContext, Answer> handle) =>
        await WriteAsync(context, Admit(context, endpoint, LibraryScope, "photoslibrary.googleapis.com") ?? handle(context));

    private async Task PickerApiAsync(HttpContext context, string endpoint, Func<HttpContext, Answer> handle) =>
        await WriteAsync(context, Admit(context, endpoint, PickerScope, "photospicker.googleapis.com") ?? handle(context));

    /// <summary>Authentication, injected storms and the daily quota, in Google's order; null admits the request.</summary>
    private Answer? Admit(HttpContext context, string endpoint, string scope, string service)
    {
        Counters.Count(endpoint);
        if (Faults.TakeTokenExpiry()) OAuth.ExpireAccessTokens();
        var granted = OAuth.ScopeOf(context.Request.Headers.Authorization.FirstOrDefault());
        if (granted is null)
        {
            return Error(401, "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.", "UNAUTHENTICATED");
        }

        if (!granted.Split(' ').Contains(scope))
        {
            return Error(403, "Request had insufficient authentication scopes.", "PERMISSION_DENIED");
        }

        if (Faults.TakeApiStorm())
        {
            return Error(429, $"Quota exceeded for quota metric 'Requests' and limit 'Requests per minute' of service '{service}'.", "RESOURCE_EXHAUSTED", Faults.RetryAfter);
        }

        if (Counters.CountApi() > _options.ApiDailyQuota || Faults.ApiExhausted)
        {
            return Error(429, $"Quota exceeded for quota metric 'All requests' and limit 'All requests per day' of service '{service}' for consumer 'project_number:0'.", "RESOURCE_EXHAUSTED", Faults.QuotaRetryAfter);
        }

        return null;
    }

    private Answer ListMediaItems(HttpContext context)
    {
        if (PageSize(context.Request.Query["pageSize"], 25, 100) is not { } size) return InvalidPageSize(100);
        var offset = Offset(context.Request.Query["pageToken"]);
        if (offset is null) return Error(400, "Invalid page token.", "INVALID_ARGUMENT");
        // Listing order is upload order; removed items leave gaps the page token skips over.
        var page = new List<object>(size);
        var n = offset.Value;
        var count = Library.Count;
        for (; n < count && page.Count < size; n++)
        {
            if (Library.Find(Library.IdOf(n)) is not null) page.Add(MediaItemJson(Library.Item(n)));
        }

        return Ok(new { mediaItems = page.Count == 0 ? null : page, nextPageToken = n < count ? Token(n) : null });
    }

    private Answer SearchMediaItems(SearchRequest? body)
    {
        if (body is null) return Error(400, "Invalid JSON payload.", "INVALID_ARGUMENT");
        if (body.AlbumId is null) return Error(400, "The emulator searches by albumId only.", "INVALID_ARGUMENT");
        if (body.PageSize is < 0 or > 100) return InvalidPageSize(100);
        var size = body.PageSize is null or 0 ? 25 : body.PageSize.Value;
        var album = Library.Albums().FirstOrDefault(a => a.Id == body.AlbumId);
        if (album is null) return Error(404, "Requested entity was not found.", "NOT_FOUND");
        if (Offset(body.PageToken) is not { } offset) return Error(400, "Invalid page token.", "INVALID_ARGUMENT");
        var page = album.ItemIndexes.Skip(offset).Take(size).Select(n => MediaItemJson(Library.Item(n))).ToList();
        var next = offset + page.Count;
        return Ok(new { mediaItems = page.Count == 0 ? null : page, nextPageToken = next < album.ItemIndexes.Count ? Token(next) : null });
    }

    private Answer BatchGet(HttpContext context)
    {
        var ids = context.Request.Query["mediaItemIds"].Select(v => v ?? "").ToList();
        if (ids.Count is 0 or > 50)
        {
            return Error(400, "Request must have between 1 and 50 media item ids.", "INVALID_ARGUMENT");
        }

        var results = ids.Select(id => Library.Find(id) is { } n
            ? (object)new { mediaItem = MediaItemJson(Library.Item(n)) }
            : new { status = new { code = 5, message = "Requested entity was not found." } }).ToList();
        return Ok(new { mediaItemResults = results });
    }

    private Answer ListAlbums(HttpContext context)
    {
        if (PageSize(context.Request.Query["pageSize"], 20, 50) is not { } size) return InvalidPageSize(50);
        if (Offset(context.Request.Query["pageToken"]) is not { } offset) return Error(400, "Invalid page token.", "INVALID_ARGUMENT");
        var albums = Library.Albums();
        var page = albums.Skip(offset).Take(size).Select(a => new
        {
            id = a.Id,
            title = a.Title,
            productUrl = new Uri(BaseUri, $"album/{a.Id}").ToString(),
            mediaItemsCount = a.ItemIndexes.Count.ToString(CultureInfo.InvariantCulture),
            coverPhotoBaseUrl = a.ItemIndexes.Count > 0 ? LibraryUrl(a.ItemIndexes[0]) : null,
            coverPhotoMediaItemId = a.ItemIndexes.Count > 0 ? Library.IdOf(a.ItemIndexes[0]) : null,
        }).ToList();
        var next = offset + page.Count;
        return Ok(new { albums = page.Count == 0 ? null : page, nextPageToken = next < albums.Count ? Token(next) : null });
    }

    private object MediaItemJson(EmulatedItem item) => new
    {
        id = item.Id,
        productUrl = new Uri(BaseUri, $"photo/{item.Id}").ToString(),
        baseUrl = LibraryUrl(item.Index),
        mimeType = item.MimeType,
        filename = item.FileName,
        mediaMetadata = new
        {
            creationTime = item.CreationTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            width = item.Width.ToString(CultureInfo.InvariantCulture),
            height = item.Height.ToString(CultureInfo.InvariantCulture),
            photo = item.IsVideo ? null : new { cameraMake = item.CameraMake, cameraModel = item.CameraModel, focalLength = 4.2, apertureFNumber = 1.8, isoEquivalent = 100, exposureTime = "0.008s" },
            video = item.IsVideo ? new { fps = 10.0, status = "READY" } : null,
        },
    };

    // ---- Picker API -----------------------------------------------------------------------------

    private object SessionJson(PickerSession session) => new
    {
        id = session.Id,
        pickerUri = new Uri(BaseUri, $"pick/{session.Id}").ToString(),
        pollingConfig = new { pollInterval = Duration(_options.PickerPollInterval), timeoutIn = Duration(session.Expires - _time.GetUtcNow()) },
        expireTime = session.Expires.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        pickingConfig = new { maxItemCount = session.MaxItems.ToString(CultureInfo.InvariantCulture) },
        mediaItemsSet = session.Picked is not null,
    };

    private Answer ListPicked(HttpContext context)
    {
        var session = Sessions.Get(context.Request.Query["sessionId"].ToString());
        if (session is null) return Error(404, "Requested entity was not found.", "NOT_FOUND");
        if (session.Picked is not { } picked) return Error(400, "The user has not finished picking media items in the session yet.", "FAILED_PRECONDITION");
        if (PageSize(context.Request.Query["pageSize"], 25, 100) is not { } size) return InvalidPageSize(100);
        if (Offset(context.Request.Query["pageToken"]) is not { } offset) return Error(400, "Invalid page token.", "INVALID_ARGUMENT");
        var page = picked.Skip(offset).Take(size).Select(n => Library.Item(n)).Select(item => new
        {
            id = item.Id,
            createTime = item.CreationTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            type = item.IsVideo ? "VIDEO" : "PHOTO",
            mediaFile = new
            {
                baseUrl = PickerUrl(session.Id, item.Index),
                mimeType = item.MimeType,
                filename = item.FileName,
                mediaFileMetadata = new { width = item.Width, height = item.Height, cameraMake = item.CameraMake, cameraModel = item.CameraModel },
            },
        }).ToList();
        var next = offset + page.Count;
        return Ok(new { mediaItems = page, nextPageToken = next < picked.Count ? Token(next) : null });
    }

    /// <summary>The page the user opens: <c>?items=3,5,8</c> picks those items (default: the first five) and presses Done.</summary>
    private void PickerPage(HttpContext context, string sessionId)
    {
        Counters.Count("picker.page");
        var items = context.Request.Query["items"].ToString();
        var picked = items.Length == 0 ? Enumerable.Range(0, Math.Min(5, Library.Count)).ToList() : items.Split(',').Select(int.Parse).ToList();
        context.Response.StatusCode = Sessions.Pick(sessionId, picked) ? 200 : 404;
    }

    // ---- Media downloads ------------------------------------------------------------------------

    private string LibraryUrl(int n) => new Uri(BaseUri, $"lh/{Sign("lh", "-", n)}").ToString();

    private string PickerUrl(string session, int n) => new Uri(BaseUri, $"pk/{session}/{Sign("pk", session, n)}").ToString();

    private string Sign(string kind, string session, int n)
    {
        var expires = (_time.GetUtcNow() + _options.UrlLifetime).ToUnixTimeMilliseconds();
        var epoch = Faults.UrlEpoch;
        return $"{Library.IdOf(n)}~{expires}~{epoch}~{Signature(kind, session, Library.IdOf(n), expires, epoch)}";
    }

    private string Signature(string kind, string session, string id, long expires, long epoch) =>
        Convert.ToHexString(HMACSHA256.HashData(_urlKey, Encoding.UTF8.GetBytes($"{kind}|{session}|{id}|{expires}|{epoch}")))[..24].ToLowerInvariant();

    private async Task DownloadAsync(HttpContext context, string path)
    {
        Counters.Count("download");
        var picker = path.StartsWith("/pk/", StringComparison.Ordinal);
        var rest = path[4..];
        var session = "-";
        if (picker)
        {
            var slash = rest.IndexOf('/');
            if (slash < 0) { context.Response.StatusCode = 404; return; }
            session = rest[..slash];
            rest = rest[(slash + 1)..];
        }

        var equals = rest.LastIndexOf('=');
        var suffix = equals < 0 ? "" : rest[(equals + 1)..];
        var parts = (equals < 0 ? rest : rest[..equals]).Split('~');
        if (parts.Length != 4 || !long.TryParse(parts[1], out var expires) || !long.TryParse(parts[2], out var epoch) ||
            !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(parts[3]), Encoding.ASCII.GetBytes(Signature(picker ? "pk" : "lh", session, parts[0], expires, epoch))))
        {
            await WriteAsync(context, Error(404, "Not found.", "NOT_FOUND"));
            return;
        }

        if (expires < _time.GetUtcNow().ToUnixTimeMilliseconds() || epoch != Faults.UrlEpoch)
        {
            await WriteAsync(context, Error(403, "The URL has expired.", "PERMISSION_DENIED"));
            return;
        }

        if (picker && !(OAuth.ScopeOf(context.Request.Headers.Authorization.FirstOrDefault()) ?? "").Split(' ').Contains(PickerScope))
        {
            await WriteAsync(context, Error(401, "Picker media needs an Authorization: Bearer header.", "UNAUTHENTICATED"));
            return;
        }

        if (Library.Find(parts[0]) is not { } n)
        {
            await WriteAsync(context, Error(404, "Not found.", "NOT_FOUND"));
            return;
        }

        var item = Library.Item(n);
        var wanted = item.IsVideo ? "dv" : "d";
        if (suffix != wanted)
        {
            // Without =d Google sends a resized rendition, not the original: never what gphotosfs wants.
            await WriteAsync(context, Error(400, $"The emulator serves originals only: append ={wanted} for a {(item.IsVideo ? "video" : "photo")}.", "INVALID_ARGUMENT"));
            return;
        }

        if (Faults.TakeMediaFault())
        {
            await WriteAsync(context, Error(503, "The service is currently unavailable.", "UNAVAILABLE"));
            return;
        }

        if (Faults.TakeMediaStorm())
        {
            await WriteAsync(context, Error(429, "Too many requests. Retry later.", "RESOURCE_EXHAUSTED", Faults.RetryAfter));
            return;
        }

        if (Counters.CountMedia() > _options.MediaDailyQuota || Faults.MediaExhausted)
        {
            await WriteAsync(context, Error(429, "Quota exceeded for quota metric 'Media bytes requests' and limit 'Media bytes requests per day'.", "RESOURCE_EXHAUSTED", Faults.QuotaRetryAfter));
            return;
        }

        var bytes = Library.Bytes(n);
        var (from, to) = (0L, bytes.Length - 1L);
        var range = context.Request.Headers.Range.ToString();
        context.Response.ContentType = item.MimeType;
        context.Response.Headers.AcceptRanges = "bytes";
        if (range.StartsWith("bytes=", StringComparison.Ordinal) && !range.Contains(','))
        {
            var dash = range.IndexOf('-');
            if (!long.TryParse(range.AsSpan(6, dash - 6), out from)) from = 0;
            if (dash + 1 < range.Length && long.TryParse(range.AsSpan(dash + 1), out var end)) to = Math.Min(end, bytes.Length - 1L);
            if (from >= bytes.Length)
            {
                context.Response.StatusCode = 416;
                context.Response.Headers.ContentRange = $"bytes */{bytes.Length}";
                return;
            }

            context.Response.StatusCode = 206;
            context.Response.Headers.ContentRange = $"bytes {from}-{to}/{bytes.Length}";
        }

        context.Response.ContentLength = to - from + 1;
        if (context.Request.Method == "GET")
        {
            await context.Response.Body.WriteAsync(bytes.AsMemory((int)from, (int)(to - from + 1)), context.RequestAborted);
        }
    }

    // ---- Helpers --------------------------------------------------------------------------------

    private static int? PageSize(string? value, int defaultSize, int max)
    {
        if (string.IsNullOrEmpty(value)) return defaultSize;
        return int.TryParse(value, out var size) && size >= 0 && size <= max ? (size == 0 ? defaultSize : size) : null;
    }

    private static Answer InvalidPageSize(int max) => Error(400, $"Invalid page size: must be at most {max}.", "INVALID_ARGUMENT");

    private static string Token(int offset) => Convert.ToBase64String(Encoding.ASCII.GetBytes($"o:{offset}"));

    private static int? Offset(string? token)
    {
        if (string.IsNullOrEmpty(token)) return 0;
        try
        {
            var text = Encoding.ASCII.GetString(Convert.FromBase64String(token));
            return text.StartsWith("o:", StringComparison.Ordinal) && int.TryParse(text.AsSpan(2), out var n) && n >= 0 ? n : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string Duration(TimeSpan span) => Math.Max(0, span.TotalSeconds).ToString("0.###", CultureInfo.InvariantCulture) + "s";

    private static Answer Ok(object body) => new(200, body);

    private static Answer Error(int code, string message, string status, TimeSpan? retryAfter = null) =>
        new(code, new { error = new { code, message, status } }, retryAfter);

    private async Task WriteAsync(HttpContext context, Answer answer)
    {
        if (answer.Status >= 400) Counters.Count($"status.{answer.Status}");
        context.Response.StatusCode = answer.Status;
        context.Response.ContentType = "application/json; charset=UTF-8";
        if (answer.RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = Math.Max(0, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        await JsonSerializer.SerializeAsync(context.Response.Body, answer.Body, answer.Body.GetType(), Json, context.RequestAborted);
    }

    private sealed record Answer(int Status, object Body, TimeSpan? RetryAfter = null);

    private sealed record SearchRequest(
        [property: JsonPropertyName("albumId")] string? AlbumId,
        [property: JsonPropertyName("pageSize")] int? PageSize,
        [property: JsonPropertyName("pageToken")] string? PageToken);
}
