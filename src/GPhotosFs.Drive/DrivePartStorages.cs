using System.Collections.Concurrent;
using GPhotosFs.Takeout.Archives;

namespace GPhotosFs.Drive;

/// <summary>
/// Resolves <c>drive:FILEID/NAME</c> locations to <see cref="DrivePart"/>s (one per file, shared, so
/// what indexing fetched serves its later reads) and any other location to a local part.
/// </summary>
public sealed class DrivePartStorages(DriveClient client) : IPartStorageResolver
{
    private readonly ConcurrentDictionary<string, DrivePart> _parts = new(StringComparer.Ordinal);

    public DriveClient Client => client;

    public string Normalize(string given) => DrivePart.Parse(given) is null ? LocalPartStorages.Instance.Normalize(given) : given;

    public IPartStorage Open(string location) =>
        DrivePart.Parse(location) is { } id ? _parts.GetOrAdd(location, _ => new DrivePart(client, id.FileId, id.Name)) : LocalPartStorages.Instance.Open(location);

    /// <summary>The part for a file a listing just described (its metadata needs no request).</summary>
    public DrivePart Listed(DriveFileInfo file)
    {
        var location = DrivePart.LocationOf(file.Id, file.Name);
        return _parts.AddOrUpdate(location, _ => new DrivePart(client, file.Id, file.Name, file),
            (_, old) => old.Revision == file.Revision ? old : new DrivePart(client, file.Id, file.Name, file));
    }

    /// <summary>Frees what indexing cached (directories, sidecars).</summary>
    public void ForgetCachedBytes()
    {
        foreach (var part in _parts.Values) part.ForgetCachedBytes();
    }
}
