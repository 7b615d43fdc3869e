using GPhotosFs.Originals;

namespace GPhotosFs.Library;

/// <summary>What the library's cache holds: complete originals (one walk of the tree) and partial downloads.</summary>
public static class CacheMeasure
{
    public static CacheStatus Read(LibraryLocation library, out Dictionary<string, long> lengths)
    {
        long files = 0, bytes = 0, pending = 0, pendingBytes = 0, allocated = 0;
        lengths = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var file in CacheTree.EnumerateOriginals(library.CacheFolder))
        {
            files++;
            bytes += file.Length;
            lengths[Path.GetRelativePath(library.CacheFolder, file.FullName)] = file.Length;
        }

        // Partials live beside the cache, or inside it when the cache is a filesystem of its own.
        foreach (var folder in new[] { library.PartialFolder, Path.Combine(library.CacheFolder, CacheTree.InnerPartialFolderName) })
        {
            if (Directory.Exists(folder))
            {
                foreach (var file in new DirectoryInfo(folder).EnumerateFiles("*.part"))
                {
                    pending++;
                    pendingBytes += file.Length;
                    allocated += PartialDiskUsage(file.FullName);
                }
            }
        }

        var partialFolder = Directory.Exists(library.CacheFolder) ? CachedOriginals.PartialFolderFor(library.CacheFolder, library.PartialFolder) : library.PartialFolder;
        return new CacheStatus(library.CacheFolder, files, bytes, partialFolder, pending, pendingBytes) { BytesPartial = allocated };
    }

    private static long PartialDiskUsage(string path) => CacheMaintenance.AllocatedBytes(path);
}
