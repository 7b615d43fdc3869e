namespace GPhotosFs.Vfs.Tree;

/// <summary>How album folders show their items.</summary>
public enum AlbumPresentation
{
    /// <summary>Relative symlinks into photos/ (the default: no duplicate bytes in backups).</summary>
    Symlinks,

    /// <summary>Regular files: the same inode as the photos/ entry (a hard link), for tools that do not follow symlinks.</summary>
    Files,
}
