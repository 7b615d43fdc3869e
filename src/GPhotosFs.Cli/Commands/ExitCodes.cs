namespace GPhotosFs.Cli.Commands;

/// <summary>Process exit codes, stable for scripts, systemd and monitoring.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;

    /// <summary>The library is already mounted by another daemon (the message names its pid and mount point).</summary>
    public const int Busy = 3;

    /// <summary>The config file is unusable (the message names the file and line).</summary>
    public const int Config = 4;

    // `gphotosfs status` when the library is unhealthy. When several problems hold, the lowest
    // number wins: auth first (nothing will sync until a person acts), then quota, then an
    // unreachable source, then staleness (the consequence of the others).

    /// <summary>status: a source's credentials no longer work (run its auth again).</summary>
    public const int AuthBroken = 10;

    /// <summary>status: a source's daily quota is exhausted (it resumes by itself after the reset).</summary>
    public const int QuotaExhausted = 11;

    /// <summary>status: a source's backing data cannot be reached (an archive or folder is missing).</summary>
    public const int SourceUnavailable = 12;

    /// <summary>status: a source's last good sync is older than the stale threshold (or it never synced).</summary>
    public const int Stale = 13;
}
