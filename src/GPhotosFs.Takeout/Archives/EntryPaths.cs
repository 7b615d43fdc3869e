namespace GPhotosFs.Takeout.Archives;

/// <summary>
/// Decides what a member name from an untrusted archive may become. Takeout writes relative paths
/// below "Takeout/"; a name that is absolute, carries a drive letter or a ".." segment, or is empty
/// never names a real Takeout file and could only be an attempt to escape, so the member is
/// rejected (counted and named in the add's summary, never shown). Control characters (a tab, a
/// newline) are legal in photo names people typed; they become '_' (and the rename is reported),
/// since a path holding them breaks most tools that read the mount. Backslashes become slashes and
/// "." segments go.
/// </summary>
public static class EntryPaths
{
    /// <summary>What became of a member name: a usable path (maybe renamed), or a rejection in words.</summary>
    public readonly record struct Checked(string? Path, string? Rejected, bool Renamed);

    public static Checked Check(string raw)
    {
        if (string.IsNullOrEmpty(raw))
        {
            return new(null, "empty name", false);
        }

        if (raw.Length > 4096)
        {
            return new(null, "name longer than 4096 characters", false);
        }

        var renamed = false;
        var path = raw;
        foreach (var c in raw)
        {
            if (char.IsControl(c))
            {
                renamed = true;
                path = string.Create(raw.Length, raw, (span, s) =>
                {
                    for (var i = 0; i < s.Length; i++)
                    {
                        span[i] = char.IsControl(s[i]) ? '_' : s[i];
                    }
                });
                break;
            }
        }

        path = path.Replace('\\', '/');
        if (path.StartsWith('/'))
        {
            return new(null, "absolute path", false);
        }

        if (path.Length >= 2 && char.IsAsciiLetter(path[0]) && path[1] == ':')
        {
            return new(null, "drive-letter path", false);
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
                return new(null, "path with a '..' segment", false);
            }

            segments.Add(segment);
        }

        return segments.Count == 0 ? new(null, "empty name", false) : new(string.Join('/', segments), null, renamed);
    }

    /// <returns>The usable path, or null when the name is rejected.</returns>
    public static string? Normalize(string raw) => Check(raw).Path;
}
