using GPhotosFs.Catalog;

namespace GPhotosFs.Vfs.Content;

/// <summary>
/// Items whose originals are files below one local folder; an item's locator is its path relative to
/// that folder. A locator that would leave the folder is refused.
/// </summary>
public sealed class LocalFolderContentSource(string rootFolder) : IItemContentSource
{
    private readonly string _root = Path.GetFullPath(rootFolder);

    public string RootFolder => _root;

    public ValueTask<IItemContent> OpenAsync(ItemRecord item, CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(Path.Combine(_root, item.Locator ?? item.SourceItemId));
        if (!path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ContentUnavailableException($"item {item.Id} ('{item.FileName}') points outside its source folder {_root}; refusing to read it.");
        }

        try
        {
            var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            return ValueTask.FromResult<IItemContent>(new LocalFileContent(handle));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ContentUnavailableException($"the original of '{item.FileName}' (item {item.Id}) cannot be read at {path}: {ex.Message}. Restore the file or run 'gphotosfs sync'.", ex);
        }
    }
}
