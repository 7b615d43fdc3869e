using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace GPhotosFs.GoogleEmulator;

/// <summary>One file or folder of the emulated My Drive. A file's bytes live on the emulator's disk (<see cref="Path"/>), so 10 GB of parts cost no memory.</summary>
public sealed record DriveFile(
    string Id, string Name, string MimeType, string Parent, string? Path, long Size, string? Md5, string HeadRevisionId, long Version,
    DateTimeOffset Created, DateTimeOffset Modified, bool Trashed)
{
    public bool IsFolder => MimeType == EmulatedDrive.FolderMimeType;
}

/// <summary>
/// The user's Google Drive as Takeout's "Add to Drive" leaves it: folders (several may be called
/// "Takeout"), parts in them, each with Drive's metadata (size, md5Checksum, headRevisionId,
/// version, modifiedTime). Listing order is creation order, as stable as Drive's.
/// </summary>
public sealed class EmulatedDrive
{
    public const string FolderMimeType = "application/vnd.google-apps.folder";
    public const string RootId = "root";

    /// <summary>
    /// Files up to this size get their real MD5; larger ones (a bench's sparse 30 GB parts, which would take minutes
    /// to hash) a digest of their path, size and modification time, which changes when the file is replaced as Drive's does.
    /// </summary>
    private const long HashedBytes = 1L << 30;

    private readonly ConcurrentDictionary<string, DriveFile> _files = new();
    private readonly TimeProvider _time;
    private long _next;

    public EmulatedDrive(TimeProvider time) => _time = time;

    /// <summary>Every file and folder, in creation order.</summary>
    public IReadOnlyList<DriveFile> Files => _files.Values.OrderBy(f => f.Created).ThenBy(f => f.Id, StringComparer.Ordinal).ToList();

    public DriveFile? Find(string id) => _files.GetValueOrDefault(id);

    public string AddFolder(string name, string parent = RootId)
    {
        var id = NewId();
        var now = Now();
        _files[id] = new DriveFile(id, name, FolderMimeType, parent, null, 0, null, "", 1, now, now, false);
        return id;
    }

    /// <summary>Uploads the file at <paramref name="path"/> (read in place on every request: do not change it afterwards, use <see cref="Replace"/>).</summary>
    public string AddFile(string parent, string path, string? name = null)
    {
        var id = NewId();
        var now = Now();
        _files[id] = Describe(id, name ?? System.IO.Path.GetFileName(path), parent, path, 1, now, now);
        return id;
    }

    /// <summary>Uploads every file of <paramref name="folder"/> into a new Drive folder <paramref name="name"/> (Takeout's "Takeout" folder).</summary>
    public string AddFolderOfFiles(string folder, string name = "Takeout")
    {
        var id = AddFolder(name);
        foreach (var file in Directory.GetFiles(folder).Order(StringComparer.Ordinal)) AddFile(id, file);
        return id;
    }

    /// <summary>A new revision of the file with other bytes (its md5, headRevisionId and version change).</summary>
    public void Replace(string id, string path)
    {
        var old = _files[id];
        _files[id] = Describe(id, old.Name, old.Parent, path, old.Version + 1, old.Created, Now());
    }

    public void Trash(string id) => _files[id] = _files[id] with { Trashed = true };

    /// <summary>Deleted for good (emptied from the trash): 404 from then on.</summary>
    public bool Delete(string id) => _files.TryRemove(id, out _);

    private DriveFile Describe(string id, string name, string parent, string path, long version, DateTimeOffset created, DateTimeOffset modified)
    {
        using var stream = File.OpenRead(path);
        var md5 = stream.Length <= HashedBytes
            ? Convert.ToHexStringLower(MD5.HashData(stream))
            : Convert.ToHexStringLower(MD5.HashData(System.Text.Encoding.UTF8.GetBytes($"{System.IO.Path.GetFullPath(path)}|{stream.Length}|{File.GetLastWriteTimeUtc(path).Ticks}")));
        return new DriveFile(id, name, MimeTypeOf(name), parent, path, stream.Length, md5, $"0B{id}r{version}", version, created, modified, false);
    }

    private static string MimeTypeOf(string name) => System.IO.Path.GetExtension(name).ToLowerInvariant() switch
    {
        ".zip" => "application/x-zip-compressed",
        ".tgz" => "application/x-compressed-tar",
        _ => "application/octet-stream",
    };

    private string NewId() => "1" + Interlocked.Increment(ref _next).ToString("D8", System.Globalization.CultureInfo.InvariantCulture) + "drv" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    // Distinct creation times keep the listing order the order of creation.
    private DateTimeOffset Now() => _time.GetUtcNow().AddTicks(Interlocked.Read(ref _next));
}
