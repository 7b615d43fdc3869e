using System.Text.Json;
using GPhotosFs.Takeout.Sidecars;

namespace GPhotosFs.Takeout.Archives;

/// <summary>
/// What one pass over a part's directory found: its members, the JSON members' bytes (sidecars and
/// album metadata are small, so they are read at index time), capture times already recovered
/// from media heads (tar parts, whose bytes stream past anyway), and the problems met, each naming
/// the part and member. <see cref="Error"/> is set when the part could not be read (wholly or from
/// some point on); the members before it are still usable.
/// </summary>
public sealed class PartScan(string partId, string path, PartKind kind)
{
    public string PartId { get; } = partId;

    public string Path { get; } = path;

    public PartKind Kind { get; } = kind;

    public List<ArchiveEntry> Entries { get; } = [];

    /// <summary>Album metadata JSON members' bytes, by member path (one per album).</summary>
    public Dictionary<string, byte[]> Json { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Sidecars, parsed as they are read, by member path: a million sidecars' bytes held until the
    /// export's parts are matched cost a gigabyte; parsed they cost what they say.
    /// </summary>
    public Dictionary<string, ParsedSidecar> Sidecars { get; } = new(StringComparer.Ordinal);

    /// <summary>Capture time and GPS read from media bytes that streamed past during the scan (tar parts), by member path.</summary>
    public Dictionary<string, MediaFacts> HeadFacts { get; } = new(StringComparer.Ordinal);

    /// <summary>Members left out on purpose (hostile names, links, bombs, damaged entries), each with its reason.</summary>
    public List<RejectedMember> Rejected { get; } = [];

    public List<string> Warnings { get; } = [];

    public string? Error { get; set; }

    /// <summary>Lets go of the members, sidecars and facts once the export's items are built from them (a million members are most of an index run's memory).</summary>
    public void Release()
    {
        ReleaseMembers();
        HeadFacts.Clear();
        HeadFacts.TrimExcess();
    }

    /// <summary>
    /// Lets go of the member list, album metadata and sidecars once the export's reader has taken what
    /// it keeps of them (the media members and the sidecars' facts): the sidecars' own members go with them.
    /// </summary>
    public void ReleaseMembers()
    {
        Entries.Clear();
        Entries.TrimExcess();
        Json.Clear();
        Json.TrimExcess();
        Sidecars.Clear();
        Sidecars.TrimExcess();
    }

    /// <summary>
    /// Lets go of the directory entries of the sidecars read (their paths stay as the keys of <see cref="Sidecars"/>):
    /// half of a Takeout's members are sidecars, and an entry each is a tenth of a million-item add's memory.
    /// The export's reader takes the sidecars from <see cref="Sidecars"/> either way.
    /// </summary>
    public void DropSidecarEntries()
    {
        if (Sidecars.Count == 0)
        {
            return;
        }

        Entries.RemoveAll(e => Sidecars.ContainsKey(e.Path));
        Entries.TrimExcess();
    }

    /// <summary>Keeps a JSON member read from the part: album metadata as bytes, any other JSON (a sidecar) parsed.</summary>
    public void AddJson(string path, byte[] bytes)
    {
        if (TakeoutNames.IsAlbumMetadata(path[(path.LastIndexOf('/') + 1)..]))
        {
            Json[path] = bytes;
        }
        else
        {
            Sidecars[path] = ParsedSidecar.Parse(bytes);
        }
    }
}

/// <summary>A sidecar's metadata, or why it is not valid JSON (said in a warning only if some media matches it).</summary>
public readonly record struct ParsedSidecar(SidecarMetadata? Metadata, string? Error)
{
    public static ParsedSidecar Parse(byte[] json)
    {
        try
        {
            return new ParsedSidecar(SidecarMetadata.Parse(json, catalogFactsOnly: true), null);
        }
        catch (JsonException ex)
        {
            return new ParsedSidecar(null, ex.Message);
        }
    }
}
