using GPhotosFs.Catalog;
using GPhotosFs.Vfs.Content;

namespace GPhotosFs.Cli.Library;

/// <summary>Wires each catalog source to the code that reads its originals.</summary>
public static class LibraryContent
{
    public static ContentSources For(LibraryCatalog catalog, LibraryLocation library)
    {
        var sources = new ContentSources();
        foreach (var source in catalog.GetSources())
        {
            if (source.Kind == LocalFolderContentSource.Kind)
            {
                // A relative folder is relative to the library, so a library folder can be moved whole.
                var folder = Path.Combine(library.Folder, source.Config ?? source.Name);
                sources.Add(source.Id, new LocalFolderContentSource(folder));
            }
        }

        return sources;
    }
}
