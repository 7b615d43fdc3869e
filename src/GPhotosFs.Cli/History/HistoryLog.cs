using Microsoft.Extensions.Logging;

namespace GPhotosFs.Cli.History;

/// <summary>Log messages of the run history and the status page.</summary>
internal static partial class HistoryLog
{
    [LoggerMessage(EventId = 701, Level = LogLevel.Information, Message = "Status page and metrics on http://127.0.0.1:{Port}/ (/metrics for Prometheus)")]
    public static partial void Serving(ILogger logger, int port);

    [LoggerMessage(EventId = 702, Level = LogLevel.Error, Message = "The status page could not start on 127.0.0.1:{Port}: {Reason}; the mount goes on without it")]
    public static partial void ServeFailed(ILogger logger, int port, string reason);

    [LoggerMessage(EventId = 703, Level = LogLevel.Warning, Message = "The status page could not be built: {Reason}")]
    public static partial void PageFailed(ILogger logger, string reason);
}
