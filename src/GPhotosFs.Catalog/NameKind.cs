namespace GPhotosFs.Catalog;

/// <summary>Whether a name is a file's (keeps its extension last) or a folder's (has none).</summary>
public enum NameKind
{
    /// <summary>"IMG_1.jpg" truncates and numbers as "IMG_1 (2).jpg".</summary>
    File,

    /// <summary>"Trip to St. Ives" numbers as "Trip to St. Ives (2)".</summary>
    Folder,
}
