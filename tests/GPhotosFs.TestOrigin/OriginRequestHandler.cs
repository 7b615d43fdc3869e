using System.Buffers;
using System.Globalization;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;

namespace GPhotosFs.TestOrigin;

/// <summary>
/// Answers one download request. The checks run in the order a real origin would meet them — latency,
/// quota, URL signature, existence, range — and a fault is drawn only for a request that would otherwise
/// succeed, so "the next request gets a reset" is never used up by a 404.
/// </summary>
internal sealed class OriginRequestHandler(BlobStore blobs, UrlSigner signer, OriginFaults faults, OriginCounters counters, OriginOptions options)
{
    public const string SignedPrefix = "/media/";
    public const string UnsignedPrefix = "/files/";

    // Big writes keep the per-write overhead (syscalls, pipe bookkeeping) negligible at loopback speeds.
    private const int MaxChunk = 1 << 20;

    public async Task HandleAsync(HttpContext context)
    {
        counters.Started();
        try
        {
            await HandleCoreAsync(context, context.RequestAborted);
        }
        catch (Exception) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away (or we reset it); there is nobody left to answer.
        }
        finally
        {
            counters.Finished();
        }
    }

    private async Task HandleCoreAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var isHead = HttpMethods.IsHead(request.Method);
        var rangeHeader = request.Headers.Range.Count > 0 ? request.Headers.Range.ToString() : null;
        var (id, signed) = Route(request.Path.Value ?? "");

        // Taken before the latency so the request works with the settings it arrived under.
        var settings = faults.Snapshot();
        var overQuota = id is not null && faults.CountAgainstQuota();
        if (settings.Latency > TimeSpan.Zero) await Task.Delay(settings.Latency, options.ShapingTime, cancellationToken);

        if (!isHead && !HttpMethods.IsGet(request.Method))
        {
            context.Response.Headers.Allow = "GET, HEAD";
            await SendErrorAsync(context, Record(context, id, rangeHeader, null, 405, OriginFaultKind.None), GoogleErrors.For(405));
            return;
        }
        if (options.ServeListings && ListingFolder(request.Path.Value ?? "") is { } folder)
        {
            await SendListingAsync(context, folder, isHead, cancellationToken);
            return;
        }
        if (id is null)
        {
            await SendErrorAsync(context, Record(context, null, rangeHeader, null, 404, OriginFaultKind.None), GoogleErrors.For(404));
            return;
        }
        if (overQuota)
        {
            // Google's daily-quota answer: 429 without Retry-After, because waiting seconds does not help.
            await SendErrorAsync(context, Record(context, id, rangeHeader, null, 429, OriginFaultKind.QuotaExceeded), GoogleErrors.QuotaExceeded());
            return;
        }
        if (signed && !signer.IsValid(id, request.Query["exp"], request.Query["sig"]))
        {
            var status = options.ExpiredUrlStatus;
            await SendErrorAsync(context, Record(context, id, rangeHeader, null, status, OriginFaultKind.None), GoogleErrors.For(status));
            return;
        }

        using var content = blobs.Open(id);
        if (content is null)
        {
            await SendErrorAsync(context, Record(context, id, rangeHeader, null, 404, OriginFaultKind.None), GoogleErrors.For(404));
            return;
        }

        var total = content.Length;
        var kind = ByteRange.Parse(rangeHeader, total, out var range);
        context.Response.Headers.AcceptRanges = "bytes";
        if (kind == RangeRequest.Unsatisfiable)
        {
            context.Response.Headers.ContentRange = $"bytes */{total.ToString(CultureInfo.InvariantCulture)}";
            await SendErrorAsync(context, Record(context, id, rangeHeader, null, 416, OriginFaultKind.None), []);
            return;
        }

        var fault = faults.Draw();
        if (StatusOf(fault) is { } faultStatus)
        {
            if (fault == OriginFaultKind.TooManyRequests)
                context.Response.Headers.RetryAfter = ((long)Math.Ceiling(settings.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            var body = fault == OriginFaultKind.QuotaExceeded ? GoogleErrors.QuotaExceeded() : GoogleErrors.For(faultStatus);
            await SendErrorAsync(context, Record(context, id, rangeHeader, null, faultStatus, fault), body);
            return;
        }

        var partial = kind == RangeRequest.Satisfiable;
        if (!partial) range = new ByteRange(0, total - 1);
        var response = context.Response;
        response.StatusCode = partial ? 206 : 200;
        response.ContentType = "application/octet-stream";
        response.ContentLength = range.Length;
        if (partial)
            response.Headers.ContentRange = string.Create(CultureInfo.InvariantCulture, $"bytes {range.First}-{range.Last}/{total}");
        var record = Record(context, id, rangeHeader, partial ? range : null, response.StatusCode, fault);

        if (isHead)
        {
            // No body to strike in, so the fault strikes before the headers: a stall delays them,
            // a reset or a truncation leaves the client without an answer.
            switch (fault)
            {
                case OriginFaultKind.Stall:
                    await Task.Delay(settings.StallDuration, options.ShapingTime, cancellationToken);
                    break;
                case OriginFaultKind.ConnectionReset:
                    Reset(context);
                    return;
                case OriginFaultKind.TruncatedBody:
                    context.Abort();
                    return;
            }
            await response.StartAsync(cancellationToken);
            return;
        }
        await SendBodyAsync(context, content, range, record, fault, settings, cancellationToken);
    }

    private async Task SendBodyAsync(HttpContext context, BlobContent content, ByteRange range, OriginRequestRecord record,
        OriginFaultKind fault, FaultSnapshot settings, CancellationToken cancellationToken)
    {
        var response = context.Response;
        var length = range.Length;
        // Where a body fault strikes; BodyFaultAt < 1 keeps it inside the body (at 0 for an empty one).
        var strikeAt = fault == OriginFaultKind.None ? -1 : (long)(length * settings.BodyFaultAt);
        var pacer = settings.BandwidthBytesPerSecond > 0 ? new BandwidthPacer(settings.BandwidthBytesPerSecond, options.ShapingTime) : null;
        var scratch = ArrayPool<byte>.Shared.Rent(MaxChunk);
        try
        {
            // Headers go out now, so even a fault at byte 0 shows the client a started response.
            await response.StartAsync(cancellationToken);
            long sent = 0;
            while (true)
            {
                if (sent == strikeAt)
                {
                    await response.Body.FlushAsync(cancellationToken);
                    if (!await StrikeAsync(context, fault, settings, options.ShapingTime, cancellationToken)) return;
                }
                if (sent >= length) break;

                var want = (int)Math.Min(MaxChunk, length - sent);
                if (strikeAt > sent) want = (int)Math.Min(want, strikeAt - sent);
                if (pacer is not null)
                {
                    want = Math.Min(want, pacer.ChunkSize);
                    await pacer.WaitAsync(want, cancellationToken);
                }
                var chunk = await content.ReadAsync(range.First + sent, scratch.AsMemory(0, want), cancellationToken);
                if (chunk.IsEmpty)
                {
                    // The file shrank under us: the promised Content-Length cannot be kept, so do not pretend.
                    context.Abort();
                    return;
                }
                counters.AddBytesSent(record, chunk.Length);
                await response.Body.WriteAsync(chunk, cancellationToken);
                sent += chunk.Length;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    /// <summary>Applies a body fault at the current point; true when the response should carry on afterwards (a stall that ended).</summary>
    private static async Task<bool> StrikeAsync(HttpContext context, OriginFaultKind fault, FaultSnapshot settings, TimeProvider time, CancellationToken cancellationToken)
    {
        switch (fault)
        {
            case OriginFaultKind.Stall:
                await Task.Delay(settings.StallDuration, time, cancellationToken);
                return true;
            case OriginFaultKind.ConnectionReset:
                Reset(context);
                return false;
            case OriginFaultKind.TruncatedBody:
                // Returning short of Content-Length: Kestrel cannot reuse the connection and closes it after the bytes sent.
                return false;
            default:
                throw new InvalidOperationException($"{fault} is not a body fault");
        }
    }

    /// <summary>A real TCP reset: linger 0 turns the close into an RST, which is what a client sees when a middlebox or server drops the connection.</summary>
    private static void Reset(HttpContext context)
    {
        if (context.Features.Get<IConnectionSocketFeature>()?.Socket is { } socket)
        {
            try
            {
                socket.LingerState = new LingerOption(true, 0);
                socket.Close();
            }
            catch (ObjectDisposedException)
            {
                // Already gone: the client has what it would get from a reset.
            }
        }
        context.Abort();
    }

    private static int? StatusOf(OriginFaultKind fault) => fault switch
    {
        OriginFaultKind.InternalServerError => 500,
        OriginFaultKind.BadGateway => 502,
        OriginFaultKind.ServiceUnavailable => 503,
        OriginFaultKind.TooManyRequests or OriginFaultKind.QuotaExceeded => 429,
        _ => null,
    };

    /// <summary>The folder a listing request names ("" for the top): an unsigned path that ends with '/'.</summary>
    private static string? ListingFolder(string path) =>
        path.StartsWith(UnsignedPrefix, StringComparison.Ordinal) && path.EndsWith('/') ? path[UnsignedPrefix.Length..].TrimEnd('/') : null;

    /// <summary>An index page with one relative link per entry, like a plain web server's (what rclone's http backend parses).</summary>
    private async Task SendListingAsync(HttpContext context, string folder, bool isHead, CancellationToken cancellationToken)
    {
        var entries = blobs.List(folder);
        if (entries is null)
        {
            await SendErrorAsync(context, Record(context, null, null, null, 404, OriginFaultKind.None), GoogleErrors.For(404));
            return;
        }
        var html = new System.Text.StringBuilder("<!DOCTYPE html>\n<html><body><ul>\n");
        foreach (var entry in entries)
        {
            var href = string.Join('/', entry.Split('/').Select(Uri.EscapeDataString));
            html.Append("<li><a href=\"").Append(href).Append("\">").Append(System.Net.WebUtility.HtmlEncode(entry)).Append("</a></li>\n");
        }
        html.Append("</ul></body></html>\n");
        var body = System.Text.Encoding.UTF8.GetBytes(html.ToString());
        var record = Record(context, null, null, null, 200, OriginFaultKind.None);
        var response = context.Response;
        response.ContentType = "text/html; charset=utf-8";
        response.ContentLength = body.Length;
        if (isHead)
        {
            await response.StartAsync(cancellationToken);
            return;
        }
        counters.AddBytesSent(record, body.Length);
        await response.Body.WriteAsync(body, cancellationToken);
    }

    /// <summary>The blob id a path names and whether its URL must be signed; a null id for anything else (404).</summary>
    private (string? Id, bool Signed) Route(string path)
    {
        if (path.StartsWith(SignedPrefix, StringComparison.Ordinal) && path.Length > SignedPrefix.Length)
            return (path[SignedPrefix.Length..], true);
        if (options.ServeUnsignedFiles && path.StartsWith(UnsignedPrefix, StringComparison.Ordinal) && path.Length > UnsignedPrefix.Length)
            return (path[UnsignedPrefix.Length..], false);
        return (null, false);
    }

    private OriginRequestRecord Record(HttpContext context, string? id, string? rangeHeader, ByteRange? range, int status, OriginFaultKind fault)
    {
        context.Response.StatusCode = status;
        return counters.Record(context.Request.Method, id, rangeHeader, range, status, fault);
    }

    private async Task SendErrorAsync(HttpContext context, OriginRequestRecord record, byte[] body)
    {
        var response = context.Response;
        response.ContentLength = body.Length;
        if (body.Length > 0) response.ContentType = "application/json; charset=UTF-8";
        if (HttpMethods.IsHead(context.Request.Method) || body.Length == 0)
        {
            await response.StartAsync(context.RequestAborted);
            return;
        }
        counters.AddBytesSent(record, body.Length);
        await response.Body.WriteAsync(body, context.RequestAborted);
    }
}
