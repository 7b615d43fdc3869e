using Microsoft.Playwright;

namespace GPhotosFs.Web;

/// <summary>Navigation shared by every step: go to a page, notice a signed-out browser, bound the calls that have no timeout of their own.</summary>
internal static class WebPages
{
    /// <summary>
    /// Waits for a call into the page (an evaluation, a count) at most <paramref name="timeout"/>:
    /// Playwright gives those no timeout, and a tab whose renderer hangs never answers them, which
    /// would stall the sync silently. The call is abandoned (the tab is reloaded or the browser
    /// restarted next, which ends it).
    /// </summary>
    /// <exception cref="TimeoutException">The page did not answer in time.</exception>
    public static async Task<T> BoundedAsync<T>(Task<T> call, TimeSpan timeout, string what)
    {
        try
        {
            return await call.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException) when (!call.IsCompleted)
        {
            _ = call.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            throw new TimeoutException($"the page did not answer {what} within {timeout.TotalSeconds:0.#} s");
        }
    }

    /// <summary>
    /// Throws <see cref="TimeoutException"/> when the page answers no script (its renderer hangs):
    /// that is a stuck tab, to be reloaded or restarted, not a web UI that changed.
    /// </summary>
    public static Task ThrowIfUnresponsiveAsync(IPage page, TimeSpan timeout) =>
        BoundedAsync(page.EvaluateAsync<int>("() => 1"), timeout, "a script");

    public static async Task<IResponse?> GotoAsync(IPage page, Uri url)
    {
        var response = await page.GotoAsync(url.AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.DOMContentLoaded }).ConfigureAwait(false);
        ThrowIfSignedOut(page);
        return response;
    }

    public static bool IsSignedOut(string url) => WebSelectors.SignedOutPaths.Any(p => url.Contains(p, StringComparison.OrdinalIgnoreCase));

    public static void ThrowIfSignedOut(IPage page)
    {
        if (IsSignedOut(page.Url)) throw new WebSignedOutException(page.Url);
    }

    /// <summary>A CSS attribute selector with its value quoted.</summary>
    public static string Attribute(string name, string value, string op = "=") =>
        $"[{name}{op}\"{value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"]";
}
