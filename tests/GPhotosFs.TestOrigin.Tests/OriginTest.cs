namespace GPhotosFs.TestOrigin.Tests;

/// <summary>A fresh origin and client per test (xunit makes one instance per test), so faults and counters never leak between tests.</summary>
public abstract class OriginTest : IAsyncLifetime
{
    private readonly OriginOptions? _options;

    protected OriginTest(OriginOptions? options = null) => _options = options;

    protected TestOriginServer Server { get; private set; } = null!;

    /// <summary>A client that would rather fail than hang a test run.</summary>
    protected HttpClient Client { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };

    public virtual async Task InitializeAsync() => Server = await TestOriginServer.StartAsync(_options);

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }

    /// <summary>Reproducible bytes: a failing test can be rerun against the same content.</summary>
    protected static byte[] Bytes(int length, int seed = 42)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    protected Task<HttpResponseMessage> GetAsync(Uri url, string? range = null, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead) =>
        SendAsync(HttpMethod.Get, url, range, completion);

    protected Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri url, string? range = null, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        var request = new HttpRequestMessage(method, url);
        // Raw header, not RangeHeaderValue, so tests can send exactly what a client (or a broken one) would.
        if (range is not null) request.Headers.TryAddWithoutValidation("Range", range);
        return Client.SendAsync(request, completion);
    }
}
