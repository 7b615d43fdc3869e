using Microsoft.Extensions.Logging;

namespace GPhotosFs.Cli.Logging;

/// <summary>Source-generated log messages of unattended operation: configuration, health pings. Messages never carry ping URLs or tokens.</summary>
internal static partial class OpsLog
{
    [LoggerMessage(EventId = 600, Level = LogLevel.Information, Message = "Reloaded {Path}: stale_after {StaleAfter}; mount options and the cache folder change at the next mount")]
    public static partial void ConfigReloaded(ILogger logger, string path, string staleAfter);

    [LoggerMessage(EventId = 601, Level = LogLevel.Error, Message = "Kept the previous configuration: {Reason}")]
    public static partial void ConfigReloadFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 602, Level = LogLevel.Warning, Message = "Health ping '{Kind}' to {Host} failed (attempt {Attempt} of {Attempts}): {Reason}")]
    public static partial void PingFailed(ILogger logger, string kind, string host, int attempt, int attempts, string reason);

    [LoggerMessage(EventId = 603, Level = LogLevel.Debug, Message = "Health ping '{Kind}' to {Host} answered {Status}")]
    public static partial void PingSent(ILogger logger, string kind, string host, int status);

    [LoggerMessage(EventId = 604, Level = LogLevel.Information, Message = "gphotosfs {Version} (process {Pid}) serving {Library} on {MountPoint}; cache {CacheFolder}; options {Options}")]
    public static partial void DaemonStarted(ILogger logger, string version, int pid, string library, string mountPoint, string cacheFolder, string options);
}
