using System.Net;
using System.Text;
using Google.Apis.Auth.OAuth2;
using Google.Apis.Auth.OAuth2.Requests;
using Google.Apis.Auth.OAuth2.Responses;

namespace GPhotosFs.Google;

/// <summary>
/// Receives the authorization code on <c>http://127.0.0.1:PORT/</c> and prints the URL to open
/// instead of opening a browser (servers have none). The library's LocalServerCodeReceiver only
/// listens on a random port, which an <c>ssh -L</c> tunnel cannot name in advance; hence this one.
/// </summary>
public sealed class LoopbackCodeReceiver(int port, Action<string> showUrl, TimeSpan timeout) : ICodeReceiver
{
    public string RedirectUri => $"http://127.0.0.1:{port}/";

    public async Task<AuthorizationCodeResponseUrl> ReceiveCodeAsync(AuthorizationCodeRequestUrl url, CancellationToken taskCancellationToken)
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

        showUrl(url.Build().AbsoluteUri);
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(taskCancellationToken);
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
                taskCancellationToken.ThrowIfCancellationRequested();
                throw new GoogleAuthException($"no answer from the browser within {timeout.TotalMinutes:0} minutes; run `gphotosfs auth` again");
            }

            var query = context.Request.QueryString;
            if (query["code"] is null && query["error"] is null)
            {
                // A favicon or a stray request: not the redirect.
                context.Response.StatusCode = 404;
                context.Response.Close();
                continue;
            }

            var page = Encoding.UTF8.GetBytes(query["error"] is null
                ? "<html><body>gphotosfs is authorized. You can close this window.</body></html>"
                : "<html><body>Authorization was not granted; see the terminal.</body></html>");
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.OutputStream.Write(page);
            context.Response.Close();
            return new AuthorizationCodeResponseUrl(query.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => query[k]!));
        }
    }
}
