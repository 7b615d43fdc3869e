namespace GPhotosFs.Takeout.Archives;

/// <summary>
/// Makes a member name from a hostile archive safe to use as a relative path: backslashes become
/// slashes, drive letters and leading slashes go, "." segments go. Names with ".." segments or
/// control characters (including NUL) are refused: they never name a real Takeout file, so the
/// member is skipped (with a warning) rather than guessed at.
/// </summary>
public static class EntryPaths
{
    /// <returns>The normalized path, or null when the name is refused.</returns>
    public static string? Normalize(string raw)
    {
        if (string.IsNullOrEmpty(raw) || raw.Length > 4096)
        {
            return null;
        }

        foreach (var c in raw)
        {
            if (char.IsControl(c))
            {
                return null;
            }
        }

        var path = raw.Replace('\\', '/');
        if (path.Length >= 2 && char.IsAsciiLetter(path[0]) && path[1] == ':')
        {
            path = path[2..];
        }

        var segments = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                return null;
            }

            segments.Add(segment);
        }

        return segments.Count == 0 ? null : string.Join('/', segments);
    }
}
