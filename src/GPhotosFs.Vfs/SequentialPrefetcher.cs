using GPhotosFs.Catalog;
using GPhotosFs.Vfs.Content;
using GPhotosFs.Vfs.Tree;

namespace GPhotosFs.Vfs;

/// <summary>
/// Notices a client reading a folder's files in order (rsync, tar, restic, cp -r all do) and asks
/// the content sources to start the next files before they are opened, so a cold backup runs at
/// the link's bandwidth rather than one round trip per file.
/// </summary>
internal sealed class SequentialPrefetcher(LibraryCatalog catalog, ContentSources sources, int depth)
{
    private readonly object _gate = new();
    private readonly Dictionary<ulong, int> _lastOpenedIndex = [];
    private readonly Dictionary<ulong, int> _prefetchedUpTo = [];

    public void OnOpened(LibraryTree tree, VfsFile file)
    {
        if (depth <= 0 || tree.Get(file.ParentIno) is not VfsDirectory folder)
        {
            return;
        }

        int from, to;
        lock (_gate)
        {
            var sequential = _lastOpenedIndex.TryGetValue(folder.Ino, out var last) && file.IndexInParent > last && file.IndexInParent - last <= 2;
            _lastOpenedIndex[folder.Ino] = file.IndexInParent;
            if (!sequential)
            {
                return;
            }

            from = Math.Max(file.IndexInParent + 1, _prefetchedUpTo.GetValueOrDefault(folder.Ino, -1) + 1);
            to = Math.Min(folder.Children.Count - 1, file.IndexInParent + depth);
            if (from > to)
            {
                return;
            }

            _prefetchedUpTo[folder.Ino] = to;
        }

        // Catalog look-ups stay off the open path.
        _ = Task.Run(() =>
        {
            for (var i = from; i <= to; i++)
            {
                if (folder.Children[i] is VfsFile next && catalog.GetItem(next.ItemId) is { } item && Source(item) is { } source)
                {
                    source.Prefetch(item);
                }
            }
        });
    }

    private IPrefetchingContentSource? Source(ItemRecord item)
    {
        try
        {
            return sources.For(item) as IPrefetchingContentSource;
        }
        catch (ContentUnavailableException)
        {
            return null;
        }
    }
}
