using Microsoft.Extensions.Logging;

namespace GPhotosFs.Takeout.Content;

/// <summary>Source-generated log messages of the Takeout content source. Messages name the archive and the item.</summary>
internal static partial class TakeoutLog
{
    [LoggerMessage(EventId = 400, Level = LogLevel.Error, Message = "Takeout archive {Archive} is missing: cannot read '{Item}'; add it again with 'gphotosfs takeout add' (a moved archive is re-linked)")]
    public static partial void ArchiveMissing(ILogger logger, string archive, string item);

    [LoggerMessage(EventId = 401, Level = LogLevel.Error, Message = "Cannot read '{Item}' from Takeout archive {Archive}: {Reason}")]
    public static partial void ReadFailed(ILogger logger, string item, string archive, string reason);
}
