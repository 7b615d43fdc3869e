using Microsoft.Extensions.Logging;

namespace GPhotosFs.Drive;

/// <summary>Source-generated log messages of the Drive source. Never a token.</summary>
internal static partial class DriveLog
{
    [LoggerMessage(EventId = 600, Level = LogLevel.Warning, Message = "Retrying {Call} in {Delay}: {Reason}")]
    public static partial void Retrying(ILogger logger, string call, TimeSpan delay, string reason);

    [LoggerMessage(EventId = 601, Level = LogLevel.Information, Message = "{Call}: the access token was refused; refreshing it")]
    public static partial void TokenRejected(ILogger logger, string call);
}
