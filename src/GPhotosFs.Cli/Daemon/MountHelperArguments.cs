namespace GPhotosFs.Cli.Daemon;

/// <summary>
/// The command line mount(8) gives a FUSE filesystem. For <c>mount -t fuse.gphotosfs LIBRARY DIR -o
/// OPTS</c> (and the fstab line of that type), util-linux runs /sbin/mount.fuse3, which runs
/// <c>gphotosfs LIBRARY DIR -o OPTS</c> through /bin/sh with PATH and HOME removed (so the binary
/// must be in /usr/bin or /usr/local/bin). This turns that form into
/// <c>gphotosfs mount DIR --library LIBRARY -o OPTS</c>, which daemonizes and returns once mounted.
/// </summary>
public static class MountHelperArguments
{
    /// <summary>Options mount(8) and mount.fuse3 add on their own: "rw" (the default mode; this mount is always read-only).</summary>
    private static readonly HashSet<string> AddedByMount = new(StringComparer.Ordinal) { "rw" };

    /// <summary>The rewritten arguments, or null when <paramref name="args"/> are not in the helper form.</summary>
    public static string[]? Rewrite(string[] args, IReadOnlySet<string> commandNames)
    {
        if (args.Length < 2 || args[0].StartsWith('-') || commandNames.Contains(args[0]) || args[1].StartsWith('-'))
        {
            return null;
        }

        var rewritten = new List<string> { "mount", args[1], "--library", args[0] };
        for (var i = 2; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "-o" when i + 1 < args.Length:
                    var kept = args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries).Where(o => !AddedByMount.Contains(o)).ToList();
                    if (kept.Count > 0)
                    {
                        rewritten.AddRange(["-o", string.Join(',', kept)]);
                    }

                    break;
                case "-n" or "-s" or "-v":
                    break; // mount(8)'s no-mtab, sloppy and verbose flags: nothing to do here
                case "-f":
                    rewritten.Add("--foreground");
                    break;
                default:
                    rewritten.Add(args[i]);
                    break;
            }
        }

        return [.. rewritten];
    }
}
