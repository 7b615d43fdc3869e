using Microsoft.Extensions.Logging;

namespace GPhotosFs.Google;

/// <summary>Source-generated log messages of the Google sources. Never a token or a baseUrl.</summary>
internal static partial class GoogleLog
{
    [LoggerMessage(EventId = 500, Level = LogLevel.Information, Message = "{Call}: the access token was refused; refreshing it")]
    public static partial void TokenRejected(ILogger logger, string call);

    [LoggerMessage(EventId = 501, Level = LogLevel.Warning, Message = "Retrying {Call} in {Delay}: {Reason}")]
    public static partial void Retrying(ILogger logger, string call, TimeSpan delay, string reason);

    [LoggerMessage(EventId = 502, Level = LogLevel.Information, Message = "Sync of '{Source}': {Phase} {Done}")]
    public static partial void Progress(ILogger logger, string source, string phase, long done);

    [LoggerMessage(EventId = 503, Level = LogLevel.Warning, Message = "Size of '{Item}' unknown: {Reason}")]
    public static partial void SizeFailed(ILogger logger, string item, string reason);

    [LoggerMessage(EventId = 504, Level = LogLevel.Error, Message = "Sync of '{Source}' failed: {Reason}")]
    public static partial void SyncFailed(ILogger logger, string source, string reason);
}
