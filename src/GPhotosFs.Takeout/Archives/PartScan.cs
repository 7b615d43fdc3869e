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

    public Dictionary<string, byte[]> Json { get; } = new(StringComparer.Ordinal);

    /// <summary>Capture time and GPS read from media bytes that streamed past during the scan (tar parts), by member path.</summary>
    public Dictionary<string, MediaFacts> HeadFacts { get; } = new(StringComparer.Ordinal);

    /// <summary>Members left out on purpose (hostile names, links, bombs, damaged entries), each with its reason.</summary>
    public List<RejectedMember> Rejected { get; } = [];

    public List<string> Warnings { get; } = [];

    public string? Error { get; set; }
}
