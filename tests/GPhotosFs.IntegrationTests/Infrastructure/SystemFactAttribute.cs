namespace GPhotosFs.IntegrationTests.Infrastructure;

/// <summary>
/// A fact that changes the machine (installs a mount helper or a package) or needs system tools:
/// it needs root, a FUSE device and the named programs. Elsewhere it is skipped with the reason,
/// except under CI=true, where it runs and fails: CI must never pass by skipping.
/// </summary>
public sealed class SystemFactAttribute : FactAttribute
{
    public SystemFactAttribute(params string[] programs)
    {
        if (Environment.GetEnvironmentVariable("CI") == "true")
        {
            return;
        }

        if (Environment.UserName != "root")
        {
            Skip = "needs root (it installs into /usr/local/sbin or dpkg)";
        }
        else if (FuseEnvironment.MissingReason() is { } fuse)
        {
            Skip = fuse;
        }
        else if (programs.FirstOrDefault(p => !new[] { "/usr/bin", "/usr/sbin", "/bin", "/sbin" }.Any(d => File.Exists(Path.Combine(d, p)))) is { } missing)
        {
            Skip = $"{missing} is missing (see .ci/run for the Debian packages)";
        }
    }
}
