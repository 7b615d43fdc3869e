using Microsoft.Extensions.Logging;

namespace GPhotosFs.Library;

/// <summary>Log messages of the application layer (event ids kept from when it lived in the CLI).</summary>
internal static partial class LibraryLog
{
    [LoggerMessage(EventId = 605, Level = LogLevel.Warning, Message = "Made {Count} folder(s) of the cache {CacheFolder} private (0700): other users could list them")]
    public static partial void CacheFoldersMadePrivate(ILogger logger, int count, string cacheFolder);

    [LoggerMessage(EventId = 606, Level = LogLevel.Warning, Message = "Could not make the cache {CacheFolder} private (chmod 0700 its folders by hand): {Reason}")]
    public static partial void CacheFoldersNotPrivate(ILogger logger, string cacheFolder, string reason);

    [LoggerMessage(EventId = 710, Level = LogLevel.Debug, Message = "Read path warmed up in {Milliseconds} ms")]
    public static partial void WarmedUp(ILogger logger, long milliseconds);

    [LoggerMessage(EventId = 711, Level = LogLevel.Debug, Message = "The read path warm-up failed (the first read will be slower, nothing else changes): {Reason}")]
    public static partial void WarmupFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 700, Level = LogLevel.Warning, Message = "Could not record the {Kind} run in the history: {Reason}")]
    public static partial void RecordFailed(ILogger logger, string kind, string reason);
}
