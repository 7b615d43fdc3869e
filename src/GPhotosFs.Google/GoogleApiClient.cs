using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace GPhotosFs.Google;

/// <summary>
/// One JSON call to a Google API: bearer token (refreshed once on 401), request budget, retries
/// with jittered backoff on 5xx, network errors and rate-limit 429s (honouring Retry-After), fail
/// fast on the daily quota. Errors carry Google's message and status word, never the token.
/// </summary>
public sealed class GoogleApiClient(HttpClient http, GoogleCredentials credentials, RequestBudget budget, ILogger logger, GoogleApiOptions? options = null)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly GoogleApiOptions _options = options ?? new GoogleApiOptions();

    public GoogleCredentials Credentials => credentials;

    public RequestBudget Budget => budget;

    /// <param name="what">Names the call in errors, e.g. "mediaItems.list (page 3)".</param>
    public async Task<T> SendAsync<T>(string what, HttpMethod method, Uri uri, object? body, CancellationToken cancellationToken)
    {
        var refreshed = false;
        for (var attempt = 1; ; attempt++)
        {
            budget.Take(RequestBudget.Api);
            GoogleApiException failure;
            string token = "";
            try
            {
                token = await credentials.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
                using var request = new HttpRequestMessage(method, uri);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                if (body is not null) request.Content = JsonContent.Create(body, body.GetType(), options: Json);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(_options.RequestTimeout);
                using var response = await http.SendAsync(request, timeout.Token).ConfigureAwait(false);
                var status = (int)response.StatusCode;
                if (status != 429)
                {
                    budget.Succeeded(RequestBudget.Api); // an answer that is not "quota": the quota is open (ends a probe)
                }

                if (response.IsSuccessStatusCode)
                {
                    return await response.Content.ReadFromJsonAsync<T>(Json, timeout.Token).ConfigureAwait(false)
                        ?? throw new GoogleApiException(status, $"{what}: Google answered an empty body", retryable: true);
                }

                var error = await ReadErrorAsync(response, timeout.Token).ConfigureAwait(false);
                if (status == 401 && !refreshed)
                {
                    // The access token died before its time; one fresh token, then it is not our token's fault.
                    refreshed = true;
                    GoogleLog.TokenRejected(logger, what);
                    await credentials.RefreshAsync(token, cancellationToken).ConfigureAwait(false);
                    attempt--;
                    continue;
                }

                if (status == 429 && error.Message.Contains("per day", StringComparison.OrdinalIgnoreCase))
                {
                    var recheck = budget.MarkExhausted(RequestBudget.Api, error.Message, RetryAfter(response));
                    throw new GoogleQuotaException(RequestBudget.Api, $"{what}: Google's daily API quota is used up ({error.Message}); gphotosfs checks again at {recheck:yyyy-MM-dd HH:mm:ss} UTC", recheck);
                }

                if (status == 429)
                {
                    budget.Release(RequestBudget.Api); // a short-term rate limit says nothing about the daily quota
                }

                failure = new GoogleApiException(status, $"{what}: HTTP {status} {error.Status}: {error.Message}", retryable: status is 429 or >= 500,
                    retryAfter: RetryAfter(response), apiStatus: error.Status);
            }
            catch (HttpRequestException ex)
            {
                // Nothing listens (refused, no such host): a few quick tries, not minutes of backoff.
                var unreachable = ex.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError;
                failure = new GoogleApiException(0, unreachable ? $"{what}: {uri.Host}:{uri.Port} cannot be reached ({ex.HttpRequestError})" : $"{what}: {ex.HttpRequestError} ({ex.Message})",
                    retryable: !unreachable || attempt < _options.UnreachableAttempts, inner: ex);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                failure = new GoogleApiException(0, $"{what}: no answer within {_options.RequestTimeout.TotalSeconds:0} s", retryable: true, inner: ex);
            }
            catch (GoogleApiException ex) when (ex is not GoogleQuotaException && ex.Retryable)
            {
                failure = ex; // the token server was unreachable or failed: retried like the API itself
            }
            catch (JsonException ex)
            {
                failure = new GoogleApiException(0, $"{what}: Google's answer is not the JSON expected ({ex.Message})", retryable: true, inner: ex);
            }

            if (failure.Status == 0)
            {
                budget.Release(RequestBudget.Api);
            }

            if (!failure.Retryable || attempt >= _options.MaxAttempts)
            {
                throw failure;
            }

            var delay = failure.Status == 429 ? failure.RetryAfter ?? _options.ThrottleDelay : Backoff(attempt);
            GoogleLog.Retrying(logger, what, delay, failure.Message);
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    private TimeSpan Backoff(int attempt) => RetryTiming.Backoff(_options.FirstBackoff, _options.MaxBackoff, attempt);

    private static TimeSpan? RetryAfter(HttpResponseMessage response) => RetryTiming.RetryAfter(response);

    private static async Task<(string Status, string Message)> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            using var document = JsonDocument.Parse(text);
            var error = document.RootElement.GetProperty("error");
            return (error.TryGetProperty("status", out var s) ? s.GetString() ?? "" : "", error.TryGetProperty("message", out var m) ? m.GetString() ?? "" : "");
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or HttpRequestException)
        {
            return ("", response.ReasonPhrase ?? "");
        }
    }
}
