using Microsoft.Playwright;

namespace GPhotosFs.Web;

/// <summary>Navigation shared by every step: go to a page, and notice a signed-out browser.</summary>
internal static class WebPages
{
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
