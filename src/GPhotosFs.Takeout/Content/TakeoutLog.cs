using Microsoft.Extensions.Logging;

namespace GPhotosFs.Takeout.Content;

/// <summary>Source-generated log messages of the Takeout content source. Messages name the archive and the item.</summary>
internal static partial class TakeoutLog
{
    [LoggerMessage(EventId = 400, Level = LogLevel.Error, Message = "Takeout archive {Archive} is missing: cannot read '{Item}'; add it again with 'gphotosfs takeout add' (a moved archive is re-linked)")]
    public static partial void ArchiveMissing(ILogger logger, string archive, string item);

    [LoggerMessage(EventId = 402, Level = LogLevel.Error, Message = "Takeout archive {Archive} of export {Export} was replaced on its store since it was indexed: cannot read '{Item}' (its old bytes are gone); run 'gphotosfs sync' to index the new one")]
    public static partial void ArchiveReplaced(ILogger logger, string archive, string export, string item);

    [LoggerMessage(EventId = 401, Level = LogLevel.Error, Message = "Cannot read '{Item}' from Takeout archive {Archive}: {Reason}")]
    public static partial void ReadFailed(ILogger logger, string item, string archive, string reason);
}
