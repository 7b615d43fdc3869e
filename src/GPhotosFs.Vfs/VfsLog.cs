using Microsoft.Extensions.Logging;

namespace GPhotosFs.Vfs;

/// <summary>Source-generated log messages of the filesystem layer.</summary>
internal static partial class VfsLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Tree loaded: {Files} files, {Albums} albums, {Bytes} bytes (catalog version {Version})")]
    public static partial void TreeLoaded(ILogger logger, long files, int albums, long bytes, long version);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "{Count} items are not shown yet because their exact size is unknown")]
    public static partial void HiddenUnknownSize(ILogger logger, int count);

    [LoggerMessage(EventId = 110, Level = LogLevel.Error, Message = "Cannot open {Path}: {Reason}")]
    public static partial void OpenFailed(ILogger logger, string path, string reason);
}
