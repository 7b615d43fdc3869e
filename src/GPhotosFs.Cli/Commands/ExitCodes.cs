namespace GPhotosFs.Cli.Commands;

/// <summary>Process exit codes, stable for scripts and systemd.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;
    public const int Busy = 3;
}
