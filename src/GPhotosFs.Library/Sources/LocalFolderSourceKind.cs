using GPhotosFs.Catalog;
using GPhotosFs.Catalog.Sync;
using GPhotosFs.Sources;
using GPhotosFs.Vfs.Content;

namespace GPhotosFs.Library.Sources;

/// <summary>Originals are files below a local folder (config: the folder, relative to the library), read in place; nothing to sync.</summary>
public sealed class LocalFolderSourceKind : ISourceKind
{
    public string Name => SourceKinds.Local;

    public bool CanGoStale => false;

    public bool DownloadsIntoCache => false;

    public bool MissingMeansDeleted => false;

    // A relative folder is relative to the library, so a library folder can be moved whole.
    public IItemContentSource OpenContent(SourceContext context) =>
        new LocalFolderContentSource(Path.Combine(context.LibraryFolder, context.Source.Config ?? context.Source.Name));

    public ILibrarySync? CreateSync(SourceContext context) => null;
}
