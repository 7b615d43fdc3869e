namespace GPhotosFs.Library;

/// <summary>
/// The user's data and config homes as the XDG base-directory spec defines them: $XDG_DATA_HOME or
/// ~/.local/share, $XDG_CONFIG_HOME or ~/.config. Always absolute: a relative XDG variable is ignored
/// (as the spec says), and the home folder comes from $HOME even when it, or ~/.local/share, does not
/// exist yet (a fresh system user under systemd), so a default path never depends on the current folder.
/// </summary>
public static class UserFolders
{
    /// <exception cref="ConfigException">No absolute home folder is known.</exception>
    public static string DataHome() => FromXdg("XDG_DATA_HOME") ?? Path.Combine(Home(), ".local", "share");

    /// <exception cref="ConfigException">No absolute home folder is known.</exception>
    public static string ConfigHome() => FromXdg("XDG_CONFIG_HOME") ?? Path.Combine(Home(), ".config");

    private static string? FromXdg(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value && Path.IsPathFullyQualified(value) ? value : null;

    private static string Home()
    {
        // DoNotVerify: the default answers "" for a home folder that does not exist yet.
        foreach (var candidate in new[] { Environment.GetEnvironmentVariable("HOME"), Environment.GetFolderPath(Environment.SpecialFolder.UserProfile, Environment.SpecialFolderOption.DoNotVerify) })
        {
            if (candidate is { Length: > 0 } && Path.IsPathFullyQualified(candidate))
            {
                return candidate;
            }
        }

        throw new ConfigException("cannot tell where your home folder is ($HOME is not set to an absolute path): pass --library DIR, or set GPHOTOSFS_LIBRARY and GPHOTOSFS_CONFIG_DIR.");
    }
}
