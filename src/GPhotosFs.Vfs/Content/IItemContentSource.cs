using GPhotosFs.Catalog;

namespace GPhotosFs.Vfs.Content;

/// <summary>
/// How one catalog source gives access to its items' original bytes. Each source kind (a local
/// folder, Takeout archives, Google's APIs) implements it; the filesystem knows nothing else of them.
/// </summary>
public interface IItemContentSource
{
    /// <exception cref="ContentUnavailableException">The bytes cannot be had; the message says why and what to do.</exception>
    ValueTask<IItemContent> OpenAsync(ItemRecord item, CancellationToken cancellationToken);
}
