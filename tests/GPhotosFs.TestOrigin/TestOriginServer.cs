using GPhotosFs.Tests.Shared.Hosting;
using Microsoft.AspNetCore.Builder;

namespace GPhotosFs.TestOrigin;

/// <summary>
/// A local HTTP origin standing in for Google's download URLs (baseUrl downloads): Range requests,
/// expiring signed URLs, and on demand the latency, bandwidth and failures of the real thing.
/// Listens on 127.0.0.1 only.
/// </summary>
public sealed class TestOriginServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly BlobStore _blobs;
    private readonly UrlSigner _signer;
    private int _disposed;

    private TestOriginServer(WebApplication app, BlobStore blobs, UrlSigner signer, OriginFaults faults, OriginCounters counters, Uri baseUri)
    {
        _app = app;
        _blobs = blobs;
        _signer = signer;
        Faults = faults;
        Counters = counters;
        BaseUri = baseUri;
    }

    /// <summary>Where the server listens, e.g. <c>http://127.0.0.1:41234/</c> (with the trailing slash, so relative URIs resolve under it).</summary>
    public Uri BaseUri { get; }

    /// <summary>Latency, bandwidth and failures; change them at any time.</summary>
    public OriginFaults Faults { get; }

    public OriginCounters Counters { get; }

    /// <summary>Starts Kestrel on 127.0.0.1 (a free port unless <see cref="OriginOptions.Port"/> says otherwise).</summary>
    public static async Task<TestOriginServer> StartAsync(OriginOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new OriginOptions();
        options.Validate();
        var faults = new OriginFaults(options.Seed);
        var counters = new OriginCounters(options.RequestLogCapacity);
        var blobs = new BlobStore();
        var signer = new UrlSigner(options, faults);
        var handler = new OriginRequestHandler(blobs, signer, faults, counters, options);

        // Room for a whole 1 MiB write, so the writer hands over big chunks instead of stuttering at 64 KiB.
        var app = LoopbackHost.Build(options.Port, kestrel => kestrel.Limits.MaxResponseBufferSize = 4L << 20);
        var baseUri = await LoopbackHost.StartAsync(app, handler.HandleAsync, cancellationToken);
        return new TestOriginServer(app, blobs, signer, faults, counters, baseUri);
    }

    /// <summary>Serves <paramref name="content"/> (kept in memory, not copied) as blob <paramref name="id"/>, replacing any blob of that id.</summary>
    public void AddBlob(string id, byte[] content) => _blobs.AddBlob(id, content);

    /// <summary>Serves the file at <paramref name="path"/> as blob <paramref name="id"/>, streamed from disk per request (fit for files of gigabytes).</summary>
    public void AddFile(string id, string path) => _blobs.AddFile(id, path);

    /// <summary>Serves every file under <paramref name="root"/> with its relative path ('/'-separated) as id; files are looked up per request.</summary>
    public void AddDirectory(string root) => _blobs.AddDirectory(root);

    /// <summary>Stops serving blob <paramref name="id"/> (added with AddBlob or AddFile); later requests answer 404.</summary>
    public bool RemoveBlob(string id) => _blobs.Remove(id);

    /// <summary>
    /// A download URL for blob <paramref name="id"/>: <c>{base}/media/{id}?exp={unix seconds}&amp;sig={hmac}</c>.
    /// It expires after <see cref="OriginOptions.UrlLifetime"/> (if set) or at <see cref="OriginFaults.ExpireAllUrlsNow"/>,
    /// and then answers <see cref="OriginOptions.ExpiredUrlStatus"/>. The id need not exist (to test 404s).
    /// </summary>
    public Uri UrlFor(string id) =>
        new(BaseUri, $"{OriginRequestHandler.SignedPrefix.TrimStart('/')}{EscapePath(id)}?{_signer.QueryFor(id)}");

    /// <summary>The unsigned URL <c>{base}/files/{id}</c>; answered only when <see cref="OriginOptions.ServeUnsignedFiles"/> is on.</summary>
    public Uri UnsignedUrlFor(string id) =>
        new(BaseUri, $"{OriginRequestHandler.UnsignedPrefix.TrimStart('/')}{EscapePath(id)}");

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        // Abort what is in flight (a stalled response would otherwise hold disposal for its whole stall).
        await LoopbackHost.StopAsync(_app);
    }

    // Segment by segment, so '/' in an id stays a path separator and everything else survives percent-encoding.
    private static string EscapePath(string id) => string.Join('/', id.Split('/').Select(Uri.EscapeDataString));
}
