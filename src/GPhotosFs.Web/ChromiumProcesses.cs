namespace GPhotosFs.Web;

/// <summary>
/// Finds the Chromium processes that run on one profile folder (their command line names it), so a
/// browser left by a killed run is ended before the profile is used again, and so the browser never
/// outlives the object that started it, whatever Playwright's driver manages.
/// </summary>
public static class ChromiumProcesses
{
    /// <summary>Pids of processes whose command line holds <c>--user-data-dir=PROFILE</c>; the browser (no <c>--type=</c>) first.</summary>
    public static IReadOnlyList<int> OnProfile(string profile)
    {
        var marker = "--user-data-dir=" + Path.GetFullPath(profile);
        var found = new List<(int Pid, bool Child)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            string cmdline;
            try
            {
                cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue; // it exited meanwhile
            }

            var at = cmdline.IndexOf(marker, StringComparison.Ordinal);
            if (at < 0) continue;
            var end = at + marker.Length;
            if (end < cmdline.Length && cmdline[end] != ' ') continue; // another profile whose name starts like this one
            found.Add((pid, cmdline.Contains("--type=", StringComparison.Ordinal)));
        }

        return found.OrderBy(f => f.Child).Select(f => f.Pid).ToList();
    }

    /// <summary>Kills every process on the profile (SIGKILL); returns how many there were.</summary>
    public static int KillAll(string profile)
    {
        var pids = OnProfile(profile);
        foreach (var pid in pids)
        {
            try
            {
                using var process = System.Diagnostics.Process.GetProcessById(pid);
                process.Kill();
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // it exited meanwhile
            }
        }
        return pids.Count;
    }

    /// <summary>Resident memory of the processes on the profile, in bytes (the whole browser: renderers, GPU process…).</summary>
    public static long ResidentBytes(string profile) => OnProfile(profile).Sum(ResidentBytesOf);

    public static long ResidentBytesOf(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    return long.Parse(line.AsSpan(6).Trim().ToString().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }

        return 0;
    }
}
