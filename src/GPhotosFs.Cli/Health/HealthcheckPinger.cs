using System.Net.Http.Headers;
using System.Text;
using GPhotosFs.Cli.Logging;
using Microsoft.Extensions.Logging;

namespace GPhotosFs.Cli.Health;

/// <summary>Retry policy of health pings: attempts, the first back-off (doubling), and each request's time limit.</summary>
public sealed record PingRetry(int Attempts = 4, TimeSpan? FirstDelay = null, TimeSpan? RequestTimeout = null)
{
    public TimeSpan FirstDelayOrDefault => FirstDelay ?? TimeSpan.FromSeconds(2);

    public TimeSpan RequestTimeoutOrDefault => RequestTimeout ?? TimeSpan.FromSeconds(10);
}

/// <summary>
/// Pings a healthchecks.io-style check: <c>URL/start</c> when work starts, <c>URL</c> when it
/// succeeded, <c>URL/fail</c> (body: the last log lines, scrubbed of secrets) when it failed. A
/// ping is retried with doubling back-off, and never throws: monitoring must not fail the work it
/// watches. The check URL identifies the check and is treated as a secret: logs name only its host.
/// </summary>
public sealed class HealthcheckPinger(HttpClient http, Uri checkUrl, ILogger logger, PingRetry? retry = null)
{
    /// <summary>healthchecks.io truncates bodies at 100 kB; stay well inside.</summary>
    public const int MaxBodyBytes = 10_000;

    private readonly PingRetry _retry = retry ?? new PingRetry();

    public Task StartAsync(CancellationToken cancellationToken = default) => PingAsync("start", "/start", null, cancellationToken);

    public Task SuccessAsync(string? summary = null, CancellationToken cancellationToken = default) => PingAsync("success", "", summary, cancellationToken);

    public Task FailAsync(IEnumerable<string> lastLines, CancellationToken cancellationToken = default) =>
        PingAsync("fail", "/fail", string.Join('\n', lastLines), cancellationToken);

    private async Task PingAsync(string kind, string suffix, string? body, CancellationToken cancellationToken)
    {
        var target = WithSuffix(checkUrl, suffix);
        var payload = body is null ? [] : Truncate(Encoding.UTF8.GetBytes(SecretScrubber.Scrub(body)));
        var delay = _retry.FirstDelayOrDefault;
        for (var attempt = 1; attempt <= _retry.Attempts; attempt++)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(_retry.RequestTimeoutOrDefault);
                using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new ByteArrayContent(payload) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/plain") { CharSet = "utf-8" };
                using var response = await http.SendAsync(request, timeout.Token).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    OpsLog.PingSent(logger, kind, checkUrl.Host, (int)response.StatusCode);
                    return;
                }

                OpsLog.PingFailed(logger, kind, checkUrl.Host, attempt, _retry.Attempts, $"HTTP {(int)response.StatusCode}");
                if ((int)response.StatusCode is >= 400 and < 500 and not 408 and not 429)
                {
                    return; // a wrong URL stays wrong: retrying only delays the work
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException)
            {
                OpsLog.PingFailed(logger, kind, checkUrl.Host, attempt, _retry.Attempts, ex is OperationCanceledException ? "timed out" : ex.Message);
            }

            if (attempt < _retry.Attempts)
            {
                try
                {
                    await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                delay *= 2;
            }
        }
    }

    private static Uri WithSuffix(Uri url, string suffix)
    {
        if (suffix.Length == 0)
        {
            return url;
        }

        var builder = new UriBuilder(url);
        builder.Path = builder.Path.TrimEnd('/') + suffix;
        return builder.Uri;
    }

    /// <summary>Keeps the end (the most recent lines matter most).</summary>
    private static byte[] Truncate(byte[] bytes) => bytes.Length <= MaxBodyBytes ? bytes : bytes[^MaxBodyBytes..];
}
