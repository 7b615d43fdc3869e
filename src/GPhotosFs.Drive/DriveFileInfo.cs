namespace GPhotosFs.Drive;

/// <summary>
/// A file or folder as files.list/files.get describe it. <see cref="HeadRevisionId"/> and
/// <see cref="Md5"/> change when the file's bytes are replaced: recorded with a part, they tell a
/// replaced part from the one indexed.
/// </summary>
public sealed record DriveFileInfo(string Id, string Name, string MimeType, long? Size, string? Md5, string? HeadRevisionId, long? Version, DateTimeOffset? Created, DateTimeOffset? Modified)
{
    public const string FolderMimeType = "application/vnd.google-apps.folder";

    public bool IsFolder => MimeType == FolderMimeType;

    /// <summary>What identifies this content of the file: revision, checksum and size.</summary>
    public string Revision => $"{HeadRevisionId ?? "-"}/{Md5 ?? "-"}/{Size?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}";
}
