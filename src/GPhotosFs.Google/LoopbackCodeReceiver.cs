using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace GPhotosFs.Google;

/// <summary>
/// Receives Google's redirect on <c>http://127.0.0.1:PORT/</c> and prints the URL to open instead
/// of opening a browser (servers have none). The library's LocalServerCodeReceiver only listens on
/// a random port, which an <c>ssh -L</c> tunnel cannot name in advance; hence this one. It also
/// answers the browser only once the outcome is known: a redirect whose <c>state</c> is not the
/// one this run sent (a forged or stale <c>?code=…</c>) is refused and waited past, and the
/// browser hears "authorized" only after <paramref name="complete"/> (the code exchange and the
/// token's storage) has succeeded.
/// </summary>
public sealed class LoopbackCodeReceiver(int port, Action<string> showUrl, TimeSpan timeout, Action<string>? warn = null)
{
    public string RedirectUri => $"http://127.0.0.1:{port}/";

    /// <summary>A fresh, unguessable value for the <c>state</c> parameter (and for PKCE verifiers).</summary>
    public static string NewSecret(int bytes = 32) => Base64Url(RandomNumberGenerator.GetBytes(bytes));

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Shows <paramref name="authorizationUrl"/>, waits for the redirect carrying <paramref name="expectedState"/>, and completes it.</summary>
    /// <param name="complete">Exchanges the code and stores the token; its exception is the run's failure (the browser is told it failed).</param>
    public async Task ReceiveAsync(string authorizationUrl, string expectedState, Func<string, Task> complete, CancellationToken cancellationToken)
    {
        using var listener = new HttpListener();
        listener.Prefixes.Add(RedirectUri);
        try
        {
            listener.Start();
        }
        catch (HttpListenerException ex)
        {
            throw new GoogleAuthException($"cannot listen on 127.0.0.1:{port} for Google's redirect ({ex.Message}); choose another --port");
        }

        showUrl(authorizationUrl);
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        using var registration = timeoutSource.Token.Register(listener.Stop);
        while (true)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                cancellationToken.ThrowIfCancellationRequested();
                throw new GoogleAuthException($"no answer from the browser within {timeout.TotalMinutes:0} minutes; run `gphotosfs auth` again");
            }

            var query = context.Request.QueryString;
            if (query["code"] is null && query["error"] is null)
            {
                // A favicon or a stray request: not the redirect.
                Answer(context, 404, "Not found.");
                continue;
            }

            var state = query["state"] ?? "";
            if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(state), Encoding.UTF8.GetBytes(expectedState)))
            {
                // Not the answer to this run's request: someone else's link, or a forgery. Keep waiting for the real one.
                Answer(context, 400, "This answer does not belong to the authorization gphotosfs is waiting for, so it was ignored. Open the URL that `gphotosfs auth` printed.");
                warn?.Invoke("Ignored a redirect to the loopback port that did not carry this run's state (a stale or forged link); still waiting for Google's answer.");
                continue;
            }

            if (query["error"] is { } error)
            {
                Answer(context, 200, "Authorization was not granted; see the terminal.");
                throw new GoogleAuthException(DeniedMessage(error, query["error_description"]));
            }

            try
            {
                await complete(query["code"]!).ConfigureAwait(false);
            }
            catch
            {
                Answer(context, 500, "gphotosfs could not complete the authorization; see the terminal.");
                throw;
            }

            Answer(context, 200, "gphotosfs is authorized. You can close this window.");
            return;
        }
    }

    /// <summary>Google's redirect said no: what it means and what to do, in words (never an empty "()").</summary>
    public static string DeniedMessage(string error, string? description)
    {
        var why = error switch
        {
            "access_denied" => "access was not granted: you pressed Cancel, or your Google account is not a test user of this OAuth client's project (Google Cloud console > OAuth consent screen > Test users)",
            "invalid_scope" => "Google refused the requested permissions: enable the Photos Library API and the Photos Picker API in the client's project",
            _ => $"Google answered '{error}'",
        };
        var detail = string.IsNullOrWhiteSpace(description) ? "" : $" ({description.Trim()})";
        return $"authorization failed: {why}{detail}; run `gphotosfs auth` again";
    }

    private static void Answer(HttpListenerContext context, int status, string text)
    {
        try
        {
            var page = Encoding.UTF8.GetBytes($"<html><body>{WebUtility.HtmlEncode(text)}</body></html>");
            context.Response.StatusCode = status;
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.OutputStream.Write(page);
            context.Response.Close();
        }
        catch (HttpListenerException)
        {
            // the browser went away
        }
    }
}
