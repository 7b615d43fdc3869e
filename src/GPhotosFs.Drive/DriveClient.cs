using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using GPhotosFs.Google;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GPhotosFs.Drive;

/// <summary>
/// Drive v3 over REST with the library's Google credential (scope drive.readonly, from
/// <c>gphotosfs auth --drive</c>): files.list with its page tokens, files.get metadata, and
/// <c>alt=media</c> by Range. Rate limits (429, 403 userRateLimitExceeded/rateLimitExceeded), 5xx
/// and network errors are retried with truncated, jittered exponential backoff; a 401 refreshes
/// the token once. A Range request answered 200 is an error (<see cref="DriveRangeIgnoredException"/>):
/// the body is never read.
/// </summary>
public sealed class DriveClient(HttpClient http, GoogleCredentials credentials, Uri driveApiUrl, DriveOptions? options = null, ILogger? logger = null, TimeProvider? time = null)
{
    private const string FileFields = "id,name,mimeType,size,md5Checksum,headRevisionId,version,createdTime,modifiedTime";
    private readonly DriveOptions _options = options ?? new DriveOptions();
    private readonly ILogger _logger = logger ?? NullLogger.Instance;
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Uri _base = new(driveApiUrl, "drive/v3/");
    private long _requests;
    private long _bytes;

    /// <summary>HTTP requests sent so far (retries included).</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>File content bytes received so far.</summary>
    public long BytesRead => Interlocked.Read(ref _bytes);

    /// <summary>Every file matching <paramref name="query"/> (Drive's q language), following nextPageToken over short pages.</summary>
    public async IAsyncEnumerable<DriveFileInfo> ListAsync(string query, string what, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? token = null;
        var page = 0;
        do
        {
            page++;
            var uri = new Uri(_base, $"files?q={Uri.EscapeDataString(query)}&pageSize={_options.PageSize}&fields={Uri.EscapeDataString($"nextPageToken,files({FileFields})")}" +
                                     (token is null ? "" : "&pageToken=" + Uri.EscapeDataString(token)));
            using var document = await GetJsonAsync($"{what} (page {page})", uri, cancellationToken).ConfigureAwait(false);
            var root = document.RootElement;
            if (root.TryGetProperty("files", out var files))
            {
                foreach (var file in files.EnumerateArray())
                {
                    yield return Parse(file);
                }
            }

            token = root.TryGetProperty("nextPageToken", out var next) ? next.GetString() : null;
        }
        while (!string.IsNullOrEmpty(token));
    }

    /// <summary>The file's metadata (size, md5Checksum, headRevisionId, version, modifiedTime).</summary>
    public async Task<DriveFileInfo> GetAsync(string fileId, string what, CancellationToken cancellationToken)
    {
        using var document = await GetJsonAsync(what, new Uri(_base, $"files/{Uri.EscapeDataString(fileId)}?fields={Uri.EscapeDataString(FileFields)}"), cancellationToken).ConfigureAwait(false);
        return Parse(document.RootElement);
    }

    /// <summary>
    /// Reads exactly <paramref name="buffer"/>.Length bytes of the file from <paramref name="offset"/>, in one
    /// ranged request (retried from where a reset cut it).
    /// </summary>
    public async Task ReadAsync(string fileId, long offset, Memory<byte> buffer, string what, CancellationToken cancellationToken)
    {
        var done = 0;
        for (var attempt = 1; done < buffer.Length; attempt++)
        {
            try
            {
                using var response = await OpenAsync(fileId, offset + done, buffer.Length - done, what, cancellationToken).ConfigureAwait(false);
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                while (done < buffer.Length)
                {
                    var n = await body.ReadAsync(buffer[done..], cancellationToken).ConfigureAwait(false);
                    if (n == 0) throw new IOException("the body ended early");
                    done += n;
                    Interlocked.Add(ref _bytes, n);
                }
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested && attempt < _options.MaxAttempts)
            {
                var delay = Backoff(attempt);
                DriveLog.Retrying(_logger, what, delay, $"the connection broke after {done} of {buffer.Length} bytes");
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
            {
                throw new DriveException(0, $"{what}: the connection broke after {done} of {buffer.Length} bytes, {attempt} times; try again later", retryable: true, inner: ex);
            }
        }
    }

    /// <summary>
    /// Sends <c>GET files/ID?alt=media</c> with <c>Range: bytes=offset-(offset+length-1)</c> and returns the
    /// 206 answer, its body unread (the caller streams and disposes it). Errors, rate limits and a 200 are handled here.
    /// </summary>
    public Task<HttpResponseMessage> OpenAsync(string fileId, long offset, long length, string what, CancellationToken cancellationToken)
    {
        if (offset < 0 || length <= 0) throw new ArgumentOutOfRangeException(nameof(length), $"range {offset}+{length}");
        var uri = new Uri(_base, $"files/{Uri.EscapeDataString(fileId)}?alt=media");
        return SendAsync(what, () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Headers.Range = new RangeHeaderValue(offset, offset + length - 1);
            return request;
        }, async (response, ct) =>
        {
            if ((int)response.StatusCode == 200)
            {
                // Never read the body: it is the whole file, maybe 50 GB.
                throw new DriveRangeIgnoredException($"{what}: Drive ignored the byte range and began sending the whole file; gphotosfs refused it (it never downloads a whole part by accident)");
            }

            var range = response.Content.Headers.ContentRange;
            if ((int)response.StatusCode != 206 || range?.From != offset || range.To != offset + length - 1)
            {
                throw new DriveException((int)response.StatusCode, $"{what}: Drive answered bytes {range?.From}-{range?.To} to a request for {offset}-{offset + length - 1}", retryable: true);
            }

            await Task.CompletedTask.ConfigureAwait(false);
            return response;
        }, disposeOnSuccess: false, cancellationToken);
    }

    private Task<JsonDocument> GetJsonAsync(string what, Uri uri, CancellationToken cancellationToken) =>
        SendAsync(what, () => new HttpRequestMessage(HttpMethod.Get, uri), async (response, ct) =>
        {
            try
            {
                await using var body = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
                return await JsonDocument.ParseAsync(body, cancellationToken: ct).ConfigureAwait(false);
            }
            catch (JsonException ex)
            {
                throw new DriveException(0, $"{what}: Drive's answer is not the JSON expected", retryable: true, inner: ex);
            }
        }, disposeOnSuccess: true, cancellationToken);

    private async Task<T> SendAsync<T>(string what, Func<HttpRequestMessage> create, Func<HttpResponseMessage, CancellationToken, Task<T>> accept, bool disposeOnSuccess, CancellationToken cancellationToken)
    {
        var refreshed = false;
        for (var attempt = 1; ; attempt++)
        {
            DriveException failure;
            try
            {
                var token = await credentials.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
                using var request = create();
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(_options.RequestTimeout);
                Interlocked.Increment(ref _requests);
                var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                var keep = false;
                try
                {
                    var status = (int)response.StatusCode;
                    if (response.IsSuccessStatusCode)
                    {
                        var result = await accept(response, timeout.Token).ConfigureAwait(false);
                        keep = !disposeOnSuccess;
                        return result;
                    }

                    var (reason, message) = await ReadErrorAsync(response, timeout.Token).ConfigureAwait(false);
                    if (status == 401 && !refreshed)
                    {
                        refreshed = true;
                        DriveLog.TokenRejected(_logger, what);
                        await credentials.RefreshAsync(token, cancellationToken).ConfigureAwait(false);
                        attempt--;
                        continue;
                    }

                    var rateLimited = status == 429 || status == 403 && reason is "userRateLimitExceeded" or "rateLimitExceeded";
                    failure = new DriveException(status, Explain(what, status, reason, message), retryable: rateLimited || status >= 500, reason, RetryAfter(response));
                }
                finally
                {
                    if (!keep) response.Dispose();
                }
            }
            catch (DriveException ex)
            {
                failure = ex;
            }
            catch (HttpRequestException ex)
            {
                failure = new DriveException(0, $"{what}: Drive cannot be reached ({ex.HttpRequestError})", retryable: true, inner: ex);
            }
            catch (IOException ex)
            {
                failure = new DriveException(0, $"{what}: the connection to Drive broke", retryable: true, inner: ex);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                failure = new DriveException(0, $"{what}: Drive did not answer within {_options.RequestTimeout.TotalSeconds:0} s", retryable: true, inner: ex);
            }
            catch (GoogleApiException ex) when (ex is not GoogleQuotaException && ex.Retryable)
            {
                failure = new DriveException(0, $"{what}: {ex.Message}", retryable: true, inner: ex); // the token server failed
            }

            if (!failure.Retryable || attempt >= _options.MaxAttempts)
            {
                throw failure;
            }

            var delay = failure.RetryAfter is { } after && after > TimeSpan.Zero ? after : Backoff(attempt);
            DriveLog.Retrying(_logger, what, delay, failure.Message);
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Explain(string what, int status, string? reason, string message) => (status, reason) switch
    {
        (404, _) => $"{what}: the file is no longer on Drive (deleted or moved out of reach): {message}",
        (401, _) or (403, "insufficientPermissions" or "authError") => $"{what}: Drive refused the authorization ({message}); run `gphotosfs auth --drive` to grant read access to Drive",
        (403, "userRateLimitExceeded" or "rateLimitExceeded") or (429, _) => $"{what}: Drive's rate limit ({message})",
        _ => $"{what}: HTTP {status}{(reason is null ? "" : " " + reason)}: {message}",
    };

    private TimeSpan Backoff(int attempt) => RetryTiming.Backoff(_options.FirstBackoff, _options.MaxBackoff, attempt);

    private static TimeSpan? RetryAfter(HttpResponseMessage response) => RetryTiming.RetryAfter(response);

    private static async Task<(string? Reason, string Message)> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            using var document = JsonDocument.Parse(text);
            var error = document.RootElement.GetProperty("error");
            var message = error.TryGetProperty("message", out var m) ? m.GetString() ?? "" : "";
            string? reason = null;
            if (error.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0 &&
                errors[0].TryGetProperty("reason", out var r))
            {
                reason = r.GetString();
            }

            return (reason, message);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or HttpRequestException or IOException)
        {
            return (null, response.ReasonPhrase ?? "");
        }
    }

    private static DriveFileInfo Parse(JsonElement file)
    {
        string? Text(string name) => file.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        long? Number(string name) => long.TryParse(Text(name), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
        DateTimeOffset? Time(string name) => DateTimeOffset.TryParse(Text(name), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;
        return new DriveFileInfo(Text("id") ?? throw new DriveException(0, "Drive listed a file without an id", retryable: false), Text("name") ?? "", Text("mimeType") ?? "",
            Number("size"), Text("md5Checksum"), Text("headRevisionId"), Number("version"), Time("createdTime"), Time("modifiedTime"));
    }
}
