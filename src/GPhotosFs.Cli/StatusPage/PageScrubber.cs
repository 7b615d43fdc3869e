using System.Text.RegularExpressions;
using GPhotosFs.Cli.Health;

namespace GPhotosFs.Cli.StatusPage;

/// <summary>
/// Makes a message fit for the status page: no token or URL signature (<see cref="SecretScrubber"/>),
/// no URL beyond its host, and no path outside the library (a path inside it is shown relative to
/// it; any other keeps only its file name).
/// </summary>
internal sealed partial class PageScrubber(string libraryFolder)
{
    private readonly string _library = libraryFolder.TrimEnd('/') + "/";

    public string Scrub(string text)
    {
        text = SecretScrubber.Scrub(text);
        text = Url().Replace(text, m => $"{m.Groups[1].Value}://{m.Groups[2].Value}/…");
        return AbsolutePath().Replace(text, m =>
        {
            var path = m.Value;
            if (path.StartsWith(_library, StringComparison.Ordinal))
            {
                return path[_library.Length..];
            }

            var name = path.TrimEnd('/');
            var slash = name.LastIndexOf('/');
            return slash >= 0 && slash < name.Length - 1 ? "…/" + name[(slash + 1)..] : "…";
        });
    }

    [GeneratedRegex(@"(?i)\b(https?)://([^/\s'""]+)[^\s'""]*")]
    private static partial Regex Url();

    // A slash not preceded by a word character, ':', '.', '…' or another slash, followed by at least
    // one more slash in the same word, starts an absolute path ("50%/s" is not one).
    [GeneratedRegex(@"(?<![\w:/.…])/(?=[^\s'""(),;]*/)[^\s'""(),;]+")]
    private static partial Regex AbsolutePath();
}
