using System.Collections.Concurrent;

namespace GPhotosFs.TestOrigin;

/// <summary>What the origin can serve, by id: blobs in memory, single files, and whole directory trees.</summary>
internal sealed class BlobStore
{
    private readonly ConcurrentDictionary<string, Func<BlobContent?>> _blobs = new(StringComparer.Ordinal);
    private readonly List<string> _roots = [];
    private readonly Lock _rootsLock = new();

    public void AddBlob(string id, byte[] content)
    {
        ValidateId(id);
        ArgumentNullException.ThrowIfNull(content);
        var blob = new MemoryBlobContent(content);
        _blobs[id] = () => blob;
    }

    public void AddFile(string id, string path)
    {
        ValidateId(id);
        var full = Path.GetFullPath(path);
        // Fail at set-up rather than with a puzzling 404 later; a file deleted afterwards does answer 404.
        if (!File.Exists(full)) throw new FileNotFoundException("no such file to serve", full);
        _blobs[id] = () => FileBlobContent.TryOpen(full);
    }

    /// <summary>Serves every file under <paramref name="root"/> by its relative path, looked up per request so files added later are served too.</summary>
    public void AddDirectory(string root)
    {
        var full = Path.GetFullPath(root);
        if (!Directory.Exists(full)) throw new DirectoryNotFoundException($"no such directory to serve: {full}");
        lock (_rootsLock) _roots.Add(Path.TrimEndingDirectorySeparator(full) + Path.DirectorySeparatorChar);
    }

    public bool Remove(string id) => _blobs.TryRemove(id, out _);

    /// <summary>The blob's content for one response, or null (404).</summary>
    public BlobContent? Open(string id)
    {
        if (_blobs.TryGetValue(id, out var open)) return open();
        string[] roots;
        lock (_rootsLock) roots = [.. _roots];
        foreach (var root in roots)
        {
            var path = Path.GetFullPath(Path.Combine(root, id));
            // "../" in an id must not reach outside the served tree.
            if (!path.StartsWith(root, StringComparison.Ordinal)) continue;
            if (FileBlobContent.TryOpen(path) is { } content) return content;
        }
        return null;
    }

    /// <summary>
    /// The entries of the folder <paramref name="folder"/> ("" for the top, else a relative path) of the first served
    /// directory tree that has it, folders with a trailing '/', sorted; null when no served tree has that folder.
    /// </summary>
    public IReadOnlyList<string>? List(string folder)
    {
        string[] roots;
        lock (_rootsLock) roots = [.. _roots];
        foreach (var root in roots)
        {
            var path = Path.GetFullPath(Path.Combine(root, folder));
            if (!(path + Path.DirectorySeparatorChar).StartsWith(root, StringComparison.Ordinal) || !Directory.Exists(path)) continue;
            var entries = new DirectoryInfo(path).EnumerateFileSystemInfos()
                .Select(entry => entry is DirectoryInfo ? entry.Name + "/" : entry.Name)
                .ToList();
            entries.Sort(StringComparer.Ordinal);
            return entries;
        }
        return null;
    }

    private static void ValidateId(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        // Ids travel as URL paths, and clients (and Kestrel) normalise away empty, "." and ".." segments.
        if (id.Split('/').Any(segment => segment is "" or "." or ".."))
            throw new ArgumentException($"id '{id}' would not survive a URL path: no empty, '.' or '..' segments", nameof(id));
    }
}
