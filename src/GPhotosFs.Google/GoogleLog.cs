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

    [LoggerMessage(EventId = 505, Level = LogLevel.Warning, Message = "Google's daily {Quota} quota is used up ({Reason}); its requests fail at once until {RecheckAt:yyyy-MM-dd HH:mm:ss} UTC, when one request checks again")]
    public static partial void QuotaUsedUp(ILogger logger, string quota, string reason, DateTimeOffset recheckAt);

    [LoggerMessage(EventId = 506, Level = LogLevel.Information, Message = "Google's daily {Quota} quota is still used up; next check at {RecheckAt:yyyy-MM-dd HH:mm:ss} UTC")]
    public static partial void QuotaStillUsedUp(ILogger logger, string quota, DateTimeOffset recheckAt);

    [LoggerMessage(EventId = 507, Level = LogLevel.Warning, Message = "Google's daily {Quota} quota is available again")]
    public static partial void QuotaOpen(ILogger logger, string quota);

    [LoggerMessage(EventId = 508, Level = LogLevel.Error, Message = "Source '{Source}' is not available: {Reason}")]
    public static partial void SourceNotAvailable(ILogger logger, string source, string reason);
}
