using Microsoft.Extensions.Logging;

namespace GPhotosFs.Originals;

/// <summary>Source-generated log messages of the download engine. Messages name items, never URLs.</summary>
internal static partial class OriginalsLog
{
    [LoggerMessage(EventId = 300, Level = LogLevel.Debug, Message = "Downloading '{Item}' ({Length} bytes, {Held} already held)")]
    public static partial void DownloadStarted(ILogger logger, string item, long length, long held);

    [LoggerMessage(EventId = 301, Level = LogLevel.Information, Message = "Cached '{Item}' ({Length} bytes) at {Path}")]
    public static partial void Committed(ILogger logger, string item, long length, string path);

    [LoggerMessage(EventId = 302, Level = LogLevel.Warning, Message = "Download of '{Item}' failed: {Reason}")]
    public static partial void FetchFailed(ILogger logger, string item, string reason);

    [LoggerMessage(EventId = 303, Level = LogLevel.Error, Message = "'{Item}' failed verification and was not cached: {Reason}")]
    public static partial void VerificationFailed(ILogger logger, string item, string reason);

    [LoggerMessage(EventId = 304, Level = LogLevel.Error, Message = "Read of '{Item}' failed: {Reason}")]
    public static partial void ReadFailed(ILogger logger, string item, string reason);

    [LoggerMessage(EventId = 305, Level = LogLevel.Warning, Message = "Retrying '{Item}' in {Delay}: {Reason}")]
    public static partial void Retrying(ILogger logger, string item, TimeSpan delay, string reason);

    [LoggerMessage(EventId = 307, Level = LogLevel.Warning, Message = "Cache limit: evicted {Files} least recently used originals ({Freed} bytes; {Remaining} of at most {Limit} bytes kept); the cache is no longer a complete copy of the library")]
    public static partial void Evicted(ILogger logger, int files, long freed, long remaining, long limit);

    [LoggerMessage(EventId = 308, Level = LogLevel.Information, Message = "Cache limit: evicted '{Path}' ({Length} bytes, last used {LastUse:u})")]
    public static partial void EvictedOne(ILogger logger, string path, long length, DateTime lastUse);

    [LoggerMessage(EventId = 309, Level = LogLevel.Warning, Message = "Cache limit: eviction skipped this time: {Reason}")]
    public static partial void EvictionSkipped(ILogger logger, string reason);

    [LoggerMessage(EventId = 310, Level = LogLevel.Error, Message = "The cache disk is full: {Reason}")]
    public static partial void DiskFull(ILogger logger, string reason);

    [LoggerMessage(EventId = 311, Level = LogLevel.Information, Message = "The cache disk has room again")]
    public static partial void DiskRoomAgain(ILogger logger);

    [LoggerMessage(EventId = 312, Level = LogLevel.Information, Message = "Removed {What} {Path}")]
    public static partial void Removed(ILogger logger, string what, string path);

    [LoggerMessage(EventId = 313, Level = LogLevel.Error, Message = "The source cannot be reached: {Reason}")]
    public static partial void SourceUnreachable(ILogger logger, string reason);

    [LoggerMessage(EventId = 314, Level = LogLevel.Information, Message = "The source answers again")]
    public static partial void SourceReachable(ILogger logger);

    [LoggerMessage(EventId = 315, Level = LogLevel.Information, Message = "'{Item}' is being downloaded by another gphotosfs process; waiting for it")]
    public static partial void WaitingForOtherProcess(ILogger logger, string item);

    [LoggerMessage(EventId = 316, Level = LogLevel.Information, Message = "Partials were put in {Folder}, on the cache's own filesystem ({Configured} is on another one)")]
    public static partial void PartialsInsideCache(ILogger logger, string folder, string configured);

    [LoggerMessage(EventId = 306, Level = LogLevel.Warning, Message = "The cached copy of '{Item}' has {Actual} bytes, the catalog says {Expected}; downloading it again")]
    public static partial void StaleCacheFile(ILogger logger, string item, long actual, long expected);
}
