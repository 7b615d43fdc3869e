using System.Globalization;
using Microsoft.Playwright;

namespace GPhotosFs.Web;

/// <summary>
/// Reads a Netscape/Mozilla cookies.txt (what "Get cookies.txt" browser extensions, yt-dlp and
/// gallery-dl use): tab-separated domain, include-subdomains flag, path, secure flag, expiry (Unix
/// seconds, 0 = session), name, value; <c>#HttpOnly_</c> before the domain marks HttpOnly cookies.
/// </summary>
public static class NetscapeCookies
{
    /// <summary>Session cookies would not survive the profile's next start: they are kept this long instead.</summary>
    private static readonly TimeSpan SessionCookieLifetime = TimeSpan.FromDays(400);

    /// <exception cref="FormatException">A line is not a cookie line; the message names the file and line.</exception>
    public static IReadOnlyList<Cookie> Read(string path, DateTimeOffset now)
    {
        var cookies = new List<Cookie>();
        var number = 0;
        foreach (var raw in File.ReadLines(path))
        {
            number++;
            var line = raw.TrimEnd('\r');
            var httpOnly = false;
            if (line.StartsWith("#HttpOnly_", StringComparison.Ordinal))
            {
                httpOnly = true;
                line = line["#HttpOnly_".Length..];
            }
            else if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var f = line.Split('\t');
            if (f.Length < 7 || !long.TryParse(f[4], NumberStyles.Integer, CultureInfo.InvariantCulture, out var expires))
            {
                throw new FormatException($"{path} line {number} is not a Netscape cookie line (7 tab-separated fields: domain, flag, path, secure, expiry, name, value)");
            }

            cookies.Add(new Cookie
            {
                Domain = f[0],
                Path = f[2],
                Secure = f[3].Equals("TRUE", StringComparison.OrdinalIgnoreCase),
                Expires = expires > 0 ? expires : (now + SessionCookieLifetime).ToUnixTimeSeconds(),
                Name = f[5],
                Value = string.Join('\t', f[6..]),
                HttpOnly = httpOnly,
            });
        }

        return cookies;
    }

    /// <summary>Writes cookies in the same format (tests, and a way to move a session between machines).</summary>
    public static string Format(IEnumerable<BrowserContextCookiesResult> cookies) =>
        "# Netscape HTTP Cookie File\n" + string.Concat(cookies.Select(c =>
            $"{(c.HttpOnly ? "#HttpOnly_" : "")}{c.Domain}\t{(c.Domain.StartsWith('.') ? "TRUE" : "FALSE")}\t{c.Path}\t{(c.Secure ? "TRUE" : "FALSE")}\t{(c.Expires > 0 ? (long)c.Expires : 0)}\t{c.Name}\t{c.Value}\n"));
}
