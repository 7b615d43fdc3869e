using Microsoft.Extensions.Logging;

namespace GPhotosFs.Mount;

/// <summary>Source-generated log messages of the mount layer.</summary>
internal static partial class MountLog
{
    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Mounted {Library} at {MountPoint} (read-only)")]
    public static partial void Mounted(ILogger logger, string library, string mountPoint);

    [LoggerMessage(EventId = 201, Level = LogLevel.Debug, Message = "FUSE protocol {Major}.{Minor}, capabilities {Want}, kernel readahead {Readahead} bytes")]
    public static partial void Negotiated(ILogger logger, uint major, uint minor, string want, uint readahead);

    [LoggerMessage(EventId = 202, Level = LogLevel.Information, Message = "Readahead of {MountPoint} set to {Kilobytes} KiB")]
    public static partial void ReadaheadSet(ILogger logger, string mountPoint, int kilobytes);

    [LoggerMessage(EventId = 203, Level = LogLevel.Warning, Message = "Could not set readahead of {MountPoint}: {Reason}")]
    public static partial void ReadaheadFailed(ILogger logger, string mountPoint, string reason);

    [LoggerMessage(EventId = 204, Level = LogLevel.Information, Message = "{Signal} received: unmounting {MountPoint}")]
    public static partial void SignalReceived(ILogger logger, string signal, string mountPoint);

    [LoggerMessage(EventId = 205, Level = LogLevel.Warning, Message = "{MountPoint} is busy (files open); detached it and waiting up to {Seconds} s for readers to close")]
    public static partial void DetachedBusy(ILogger logger, string mountPoint, int seconds);

    [LoggerMessage(EventId = 206, Level = LogLevel.Warning, Message = "Readers of {MountPoint} still open after the grace period; ending the session")]
    public static partial void GraceExpired(ILogger logger, string mountPoint);

    [LoggerMessage(EventId = 207, Level = LogLevel.Information, Message = "Session ended; read and download buffers: at most {PeakBytes} bytes in use at once, budget {BudgetBytes} bytes")]
    public static partial void SessionEnded(ILogger logger, long peakBytes, long budgetBytes);

    [LoggerMessage(EventId = 208, Level = LogLevel.Error, Message = "Unmount of {MountPoint} failed: {Reason}")]
    public static partial void UnmountFailed(ILogger logger, string mountPoint, string reason);

    [LoggerMessage(EventId = 210, Level = LogLevel.Error, Message = "Read of {Path} at {Offset} failed: {Reason}")]
    public static partial void ReadFailed(ILogger logger, string path, long offset, string reason);

    [LoggerMessage(EventId = 211, Level = LogLevel.Error, Message = "Unexpected error in {Operation}")]
    public static partial void UnexpectedError(ILogger logger, string operation, Exception exception);

    [LoggerMessage(EventId = 212, Level = LogLevel.Information, Message = "Catalog changed: tree reloaded, {Changed} folders refreshed in the kernel cache")]
    public static partial void TreeReloaded(ILogger logger, int changed);
}
