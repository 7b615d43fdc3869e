using Microsoft.Extensions.Logging;

namespace GPhotosFs.Web;

/// <summary>Source-generated log messages of the web source. Never a cookie.</summary>
internal static partial class WebLog
{
    [LoggerMessage(EventId = 900, Level = LogLevel.Information, Message = "Chromium started ({Path}, profile {Profile}, pid {Pid})")]
    public static partial void BrowserStarted(ILogger logger, string path, string profile, int? pid);

    [LoggerMessage(EventId = 901, Level = LogLevel.Warning, Message = "Killed a Chromium left behind by an earlier run (pid {Pid})")]
    public static partial void ReapedLeftover(ILogger logger, int pid);

    [LoggerMessage(EventId = 902, Level = LogLevel.Warning, Message = "Step '{Step}' timed out; {Remedy}")]
    public static partial void StepStuck(ILogger logger, string step, string remedy);

    [LoggerMessage(EventId = 903, Level = LogLevel.Error, Message = "The web UI changed: {What}; screenshot and HTML saved in {Evidence}")]
    public static partial void UiChanged(ILogger logger, string what, string evidence);

    [LoggerMessage(EventId = 904, Level = LogLevel.Information, Message = "Skipped '{Item}': the video is still being processed by Google")]
    public static partial void StillProcessing(ILogger logger, string item);

    [LoggerMessage(EventId = 905, Level = LogLevel.Information, Message = "'{Item}' is '{Existing}' already in the library ({How}); not downloaded again")]
    public static partial void Recognised(ILogger logger, string item, string existing, string how);

    [LoggerMessage(EventId = 906, Level = LogLevel.Warning, Message = "Download of web item '{Item}' failed: {Reason}")]
    public static partial void DownloadFailed(ILogger logger, string item, string reason);

    [LoggerMessage(EventId = 907, Level = LogLevel.Error, Message = "Sync of '{Source}' failed: {Reason}")]
    public static partial void SyncFailed(ILogger logger, string source, string reason);

    [LoggerMessage(EventId = 908, Level = LogLevel.Warning, Message = "The Shift+D key press on '{Item}' brought no download; using the More options menu")]
    public static partial void KeyPressLost(ILogger logger, string item);

    [LoggerMessage(EventId = 909, Level = LogLevel.Warning, Message = "The download of web item '{Item}' stalled: no byte arrived for {Seconds} s (step_timeout); cancelled, the step counts as stuck")]
    public static partial void DownloadStalled(ILogger logger, string item, double seconds);
}
