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

    [LoggerMessage(EventId = 307, Level = LogLevel.Information, Message = "Cache limit: evicted {Freed} bytes of least recently used originals ({Remaining} of at most {Limit} bytes kept)")]
    public static partial void Evicted(ILogger logger, long freed, long remaining, long limit);

    [LoggerMessage(EventId = 306, Level = LogLevel.Warning, Message = "The cached copy of '{Item}' has {Actual} bytes, the catalog says {Expected}; downloading it again")]
    public static partial void StaleCacheFile(ILogger logger, string item, long actual, long expected);
}
