using System.Net;
using System.Net.Http.Headers;

namespace GPhotosFs.Originals;

/// <summary>
/// Originals served over HTTP with Range requests. Maps answers to <see cref="OriginFailureKind"/>:
/// 401/403/404/410 mean the URL expired (it is refreshed once through the source and retried),
/// 429 is throttling or, when the body says so, the daily quota, 5xx and network errors are
/// transient. Messages name the item, never the URL (it may carry credentials).
/// </summary>
public sealed class HttpOrigin(HttpClient client, IDownloadUrlProvider urls) : IOriginOpener
{
    public async Task<OriginResponse> OpenRangeAsync(OriginalKey key, long offset, long? length, CancellationToken cancellationToken)
    {
        var url = await urls.GetUrlAsync(key, refresh: false, cancellationToken).ConfigureAwait(false);
        var response = await SendAsync(key, url, offset, length, cancellationToken).ConfigureAwait(false);
        if (IsExpiry(response.StatusCode))
        {
            response.Dispose();
            url = await urls.GetUrlAsync(key, refresh: true, cancellationToken).ConfigureAwait(false);
            response = await SendAsync(key, url, offset, length, cancellationToken).ConfigureAwait(false);
            if (IsExpiry(response.StatusCode))
            {
                var status = (int)response.StatusCode;
                response.Dispose();
                throw new OriginException(
                    status == 404 || status == 410 ? OriginFailureKind.Permanent : OriginFailureKind.Expired,
                    $"the source refused '{key.DisplayName}' (HTTP {status}) even with a fresh download URL");
            }
        }

        try
        {
            return await ToResponseAsync(key, response, offset, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private async Task<HttpResponseMessage> SendAsync(OriginalKey key, DownloadUrl url, long offset, long? length, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url.Uri);
        request.Headers.Range = new RangeHeaderValue(offset, length is { } n ? offset + n - 1 : null);
        foreach (var (name, value) in url.Headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        try
        {
            return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex) when (ex.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError)
        {
            throw new OriginException(OriginFailureKind.Unreachable, $"cannot connect to {url.Uri.Host}:{url.Uri.Port} to download '{key.DisplayName}' ({Describe(ex)})", inner: ex);
        }
        catch (HttpRequestException ex)
        {
            throw new OriginException(OriginFailureKind.Transient, $"download of '{key.DisplayName}' failed: {ex.HttpRequestError}", inner: ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new OriginException(OriginFailureKind.Transient, $"download of '{key.DisplayName}' timed out waiting for the server", inner: ex);
        }
    }

    private static async Task<OriginResponse> ToResponseAsync(OriginalKey key, HttpResponseMessage response, long offset, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        if (status == 429)
        {
            var body = await ReadSmallBodyAsync(response, cancellationToken).ConfigureAwait(false);
            // Google says RESOURCE_EXHAUSTED for short-term rate limits and for the daily quota alike;
            // only the daily one names its limit "... per day", and only it is worth failing fast for.
            if (body.Contains("per day", StringComparison.OrdinalIgnoreCase))
            {
                throw new OriginException(OriginFailureKind.QuotaExhausted, $"the source's download quota is used up (while fetching '{key.DisplayName}')", RetryAfter(response));
            }

            throw new OriginException(OriginFailureKind.Throttled, $"the source is throttling downloads (while fetching '{key.DisplayName}')", RetryAfter(response));
        }

        if (status >= 500)
        {
            throw new OriginException(OriginFailureKind.Transient, $"the source answered HTTP {status} for '{key.DisplayName}'");
        }

        if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            throw new OriginException(OriginFailureKind.Permanent, $"the source has fewer bytes of '{key.DisplayName}' than expected (HTTP 416 at byte {offset})");
        }

        if (status is not (200 or 206))
        {
            throw new OriginException(OriginFailureKind.Permanent, $"the source answered HTTP {status} for '{key.DisplayName}'");
        }

        long start = 0, total;
        if (response.StatusCode == HttpStatusCode.PartialContent && response.Content.Headers.ContentRange is { HasLength: true } range)
        {
            start = range.From ?? 0;
            total = range.Length!.Value;
        }
        else if (response.StatusCode == HttpStatusCode.OK && response.Content.Headers.ContentLength is { } whole)
        {
            // The server ignored Range: the body starts at 0 and the caller skips what it has.
            total = whole;
        }
        else
        {
            throw new OriginException(OriginFailureKind.Transient, $"the source's answer for '{key.DisplayName}' did not say how long the original is");
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return new OriginResponse(stream, start, total, response);
    }

    /// <summary>The socket's own words ("Connection refused", "No route to host"), else the error class.</summary>
    private static string Describe(HttpRequestException ex)
    {
        for (Exception? inner = ex; inner is not null; inner = inner.InnerException)
        {
            if (inner is System.Net.Sockets.SocketException socket)
            {
                return socket.SocketErrorCode switch
                {
                    System.Net.Sockets.SocketError.ConnectionRefused => "connection refused",
                    System.Net.Sockets.SocketError.HostUnreachable => "no route to host",
                    System.Net.Sockets.SocketError.NetworkUnreachable => "network unreachable",
                    System.Net.Sockets.SocketError.HostNotFound or System.Net.Sockets.SocketError.TryAgain => "unknown host",
                    System.Net.Sockets.SocketError.TimedOut => "connection timed out",
                    var other => other.ToString(),
                };
            }
        }

        return ex.HttpRequestError == HttpRequestError.NameResolutionError ? "unknown host" : "connection failed";
    }

    private static bool IsExpiry(HttpStatusCode status) =>
        status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.Gone;

    private static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow,
        _ => null,
    };

    private static async Task<string> ReadSmallBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            return System.Text.Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, 4096));
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            return "";
        }
    }
}
