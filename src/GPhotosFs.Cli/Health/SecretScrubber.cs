using System.Text.RegularExpressions;

namespace GPhotosFs.Cli.Health;

/// <summary>
/// Removes what could be a credential from text that leaves the machine (health ping bodies):
/// bearer and OAuth tokens, secret-looking query parameters and JSON fields, and the query part
/// of any URL (signed download URLs carry their signature there).
/// </summary>
public static partial class SecretScrubber
{
    public const string Redacted = "[redacted]";

    public static string Scrub(string text)
    {
        text = Bearer().Replace(text, "$1" + Redacted);
        text = GoogleToken().Replace(text, Redacted);
        text = JsonSecret().Replace(text, "\"$1\": \"" + Redacted + "\"");
        text = UrlQuery().Replace(text, "$1?" + Redacted);
        text = KeyValueSecret().Replace(text, "$1=" + Redacted);
        return text;
    }

    [GeneratedRegex(@"(?i)(bearer\s+)[A-Za-z0-9._~+/=-]+")]
    private static partial Regex Bearer();

    [GeneratedRegex(@"\b(ya29|1//)[A-Za-z0-9._-]{8,}")]
    private static partial Regex GoogleToken();

    [GeneratedRegex(@"(?i)""((?:access|refresh|id)_token|client_secret|password|code)""\s*:\s*""[^""]*""")]
    private static partial Regex JsonSecret();

    [GeneratedRegex(@"(?i)(https?://[^\s?#""']+)\?[^\s#""']*")]
    private static partial Regex UrlQuery();

    [GeneratedRegex(@"(?i)\b((?:access|refresh|id)_token|client_secret|password|secret|token|key|sig|signature|code)=[^&\s""']+")]
    private static partial Regex KeyValueSecret();
}
