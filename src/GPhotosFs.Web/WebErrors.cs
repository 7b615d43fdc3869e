namespace GPhotosFs.Web;

/// <summary>The browser's session at photos.google.com is signed out (the about page or an accounts sign-in page).</summary>
public sealed class WebSignedOutException(string url)
    : Exception($"the browser profile is signed out of Google Photos (it was sent to {Redact(url)}); run `gphotosfs web login`")
{
    private static string Redact(string url) => Uri.TryCreate(url, UriKind.Absolute, out var u) ? u.GetLeftPart(UriPartial.Path) : "a sign-in page";
}

/// <summary>
/// A selector or label kept finding nothing on a page that loaded: Google changed its web UI. The
/// page's screenshot and HTML were saved (<see cref="Evidence"/>) for the locale table to be fixed.
/// </summary>
public sealed class WebUiChangedException(string what, string? evidence)
    : Exception($"the web UI changed: {what}" + (evidence is null ? "" : $" (screenshot and HTML in {evidence})"))
{
    public string? Evidence { get; } = evidence;
}

/// <summary>A step did not finish within its timeout, after a reload and a browser restart.</summary>
public sealed class WebStuckException(string message) : Exception(message);
