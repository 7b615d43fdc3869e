namespace GPhotosFs.Tests.Shared;

/// <summary>
/// A fact that needs a real FUSE mount. Where /dev/fuse or fusermount3 is missing it is skipped with
/// the reason, except under CI=true, where it runs and fails: CI must never pass by skipping mounts.
/// </summary>
public sealed class FuseFactAttribute : FactAttribute
{
    public FuseFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("CI") != "true" && FuseEnvironment.MissingReason() is { } reason)
        {
            Skip = reason;
        }
    }
}

public static class FuseEnvironment
{
    public static string? MissingReason()
    {
        if (!File.Exists("/dev/fuse"))
        {
            return "/dev/fuse is missing (load the fuse module; install Debian's fuse3)";
        }

        return File.Exists("/usr/bin/fusermount3") || File.Exists("/bin/fusermount3")
            ? null
            : "fusermount3 is missing (install Debian's fuse3)";
    }
}

/// <summary>A theory that needs a real FUSE mount; skipped like <see cref="FuseFactAttribute"/>.</summary>
public sealed class FuseTheoryAttribute : TheoryAttribute
{
    public FuseTheoryAttribute()
    {
        if (Environment.GetEnvironmentVariable("CI") != "true" && FuseEnvironment.MissingReason() is { } reason)
        {
            Skip = reason;
        }
    }
}
