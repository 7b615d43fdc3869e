using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace GPhotosFs.TestOrigin.Tests;

/// <summary>Faults that strike inside a body, as a downloading client meets them.</summary>
public sealed class BodyFaultTests : OriginTest
{
    private const int Size = 4 << 20;
    private readonly byte[] _blob = Bytes(Size);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Server.AddBlob("a", _blob);
    }

    [Fact]
    public async Task A_reset_fails_the_read_with_a_connection_reset()
    {
        Server.Faults.InjectNext(OriginFaultKind.ConnectionReset);

        var (received, error) = await ReadUntilFailureAsync(Server.UrlFor("a"));

        Assert.NotNull(error);
        Assert.True(IsConnectionReset(error), $"expected a connection reset, got {error}");
        Assert.True(received < Size, $"{received} bytes arrived, the whole body is {Size}");
        Assert.Equal(1, Server.Counters.CountFor(OriginFaultKind.ConnectionReset));
    }

    [Fact]
    public async Task A_truncated_body_ends_early_and_cleanly_after_exactly_the_bytes_sent()
    {
        Server.Faults.InjectNext(OriginFaultKind.TruncatedBody);
        Server.Faults.BodyFaultAt = 0.25;

        var (received, error) = await ReadUntilFailureAsync(Server.UrlFor("a"));

        Assert.NotNull(error);
        Assert.Equal(Size / 4, received);
        // An orderly end short of Content-Length, which HttpClient reports as such (not as a reset).
        Assert.Equal(HttpRequestError.ResponseEnded, Assert.IsType<HttpIOException>(error).HttpRequestError);
        Assert.False(IsConnectionReset(error), $"expected an orderly end of stream, got {error}");
        Assert.Equal(Size / 4, Server.Counters.Log.Single().BytesSent);
    }

    [Fact]
    public async Task A_stall_longer_than_the_client_waits_times_the_client_out()
    {
        Server.Faults.InjectNext(OriginFaultKind.Stall);
        Server.Faults.StallDuration = TimeSpan.FromMinutes(5);
        using var client = new HttpClient { Timeout = TimeSpan.FromMilliseconds(500) };

        // The headers and the first half arrive; the rest does not, so only the client's timeout ends it.
        var read = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetByteArrayAsync(Server.UrlFor("a")));

        // The inner TimeoutException is HttpClient's own timeout (no Stopwatch: a timer may fire a tick early).
        Assert.IsType<TimeoutException>(read.InnerException);
        Assert.Equal(Size / 2, Server.Counters.Log.Single().BytesSent);
    }

    [Fact]
    public async Task A_stall_shorter_than_the_client_waits_is_a_hiccup_and_the_body_completes()
    {
        Server.Faults.InjectNext(OriginFaultKind.Stall);
        Server.Faults.StallDuration = TimeSpan.FromMilliseconds(300);

        var body = await Client.GetByteArrayAsync(Server.UrlFor("a"));

        Assert.Equal(_blob, body);
        Assert.Equal(1, Server.Counters.CountFor(OriginFaultKind.Stall)); // the stall did strike (ShapingTests time such waits)
    }

    [Fact]
    public async Task A_head_request_meets_a_reset_before_the_headers()
    {
        Server.Faults.InjectNext(OriginFaultKind.ConnectionReset);

        await Assert.ThrowsAsync<HttpRequestException>(() => SendAsync(HttpMethod.Head, Server.UrlFor("a")));
    }

    [Fact]
    public async Task After_a_body_fault_the_next_request_succeeds_on_a_new_connection()
    {
        Server.Faults.InjectNext(OriginFaultKind.TruncatedBody);
        await ReadUntilFailureAsync(Server.UrlFor("a"));

        using var response = await GetAsync(Server.UrlFor("a"), "bytes=0-9");

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(_blob[..10], await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Disposing_the_server_ends_a_stalled_response_instead_of_waiting_out_the_stall()
    {
        Server.Faults.InjectNext(OriginFaultKind.Stall);
        Server.Faults.StallDuration = TimeSpan.FromMinutes(10);
        using var response = await GetAsync(Server.UrlFor("a"), completion: HttpCompletionOption.ResponseHeadersRead);
        var read = ReadUntilFailureAsync(response);

        var clock = Stopwatch.StartNew();
        await Server.DisposeAsync();
        var (received, error) = await read;

        // Far below the stall: disposal aborted the response rather than waited for it.
        Assert.True(clock.Elapsed < TimeSpan.FromMinutes(5), $"disposal took {clock.Elapsed}");
        Assert.NotNull(error);
        Assert.True(received < Size, $"{received} of {Size} bytes arrived");
    }

    /// <summary>Reads the body as a streaming client does; returns how many bytes arrived and what ended it early.</summary>
    private async Task<(long Received, Exception? Error)> ReadUntilFailureAsync(Uri url)
    {
        try
        {
            using var response = await GetAsync(url, completion: HttpCompletionOption.ResponseHeadersRead);
            return await ReadUntilFailureAsync(response);
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            return (0, e);
        }
    }

    private static async Task<(long Received, Exception? Error)> ReadUntilFailureAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        long received = 0;
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync();
            var buffer = new byte[64 << 10];
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0) received += read;
            return (received, null);
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            return (received, e);
        }
    }

    private static bool IsConnectionReset(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
            if (e is SocketException { SocketErrorCode: SocketError.ConnectionReset }) return true;
        return false;
    }
}
