namespace GPhotosFs.Takeout.Archives;

/// <summary>What a Takeout part is on disk.</summary>
public enum PartKind
{
    Zip,
    TarGzip,
    Folder,
}
