namespace GPhotosFs.Takeout.Archives;

/// <summary>
/// Turns a part's recorded location back into its storage. The default resolves local paths; a
/// remote source (Google Drive) supplies one that knows its own locations and hands every other
/// location to the local one.
/// </summary>
public interface IPartStorageResolver
{
    /// <summary>The location to record for what a user typed (a local path made absolute; a remote location as is).</summary>
    string Normalize(string given);

    /// <summary>The part at <paramref name="location"/>; the caller disposes it.</summary>
    IPartStorage Open(string location);
}

/// <summary>Parts on local disks.</summary>
public sealed class LocalPartStorages : IPartStorageResolver
{
    public static readonly LocalPartStorages Instance = new();

    public string Normalize(string given) => Path.GetFullPath(Path.TrimEndingDirectorySeparator(given));

    public IPartStorage Open(string location) => new LocalPartFile(location);
}
