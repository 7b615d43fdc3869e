using GPhotosFs.Takeout.Archives;
using GPhotosFs.Takeout.Sidecars;

namespace GPhotosFs.Takeout.Indexing;

/// <summary>One media item of an export, after sidecar matching and date recovery (not yet in the catalog).</summary>
public sealed record TakeoutItem
{
    /// <summary>The catalog's SourceItemId: see <see cref="ExportReader.IdentityOf"/>.</summary>
    public required string Identity { get; init; }

    /// <summary>The member's file name: taken from its path when asked, not held per item (a million items would hold a million copies).</summary>
    public string FileName => ExportReader.NameOf(Entry.Path);

    public required string PartId { get; init; }

    public required ArchiveEntry Entry { get; init; }

    public SidecarMetadata? Sidecar { get; init; }

    public SidecarMatchKind? MatchKind { get; init; }

    public DateTimeOffset? CaptureTime { get; init; }

    /// <summary>"sidecar", "exif", "filename" or "archive".</summary>
    public string? CaptureTimeSource { get; init; }

    /// <summary>What the member's own EXIF/QuickTime said (read only for items without a sidecar date): GPS for items without a sidecar position.</summary>
    public MediaFacts? MediaFacts { get; init; }

    public bool InTrashFolder { get; init; }

    /// <summary>The folder below the Google Photos folder ("Photos from 2019", an album's folder, the trash).</summary>
    public required string Folder { get; init; }

    /// <summary>A year folder copy: the item's canonical place, whose sidecar is the fullest.</summary>
    public bool InYearFolder { get; init; }
}

/// <summary>An album folder of an export: its title (from metadata.json, else the folder name) and members in folder order.</summary>
public sealed record TakeoutAlbum(string FolderName, string Title, string? Description, IReadOnlyList<string> ItemIdentities)
{
    /// <summary>
    /// This export lacks the album's metadata (a damaged part took it), but an earlier export made the
    /// folder an album: its members join that album, whose title and description stay as they were.
    /// </summary>
    public bool KnownFromEarlierExport { get; init; }
}

/// <summary>Everything an export's parts hold, merged across parts.</summary>
public sealed record ExportContents(IReadOnlyList<TakeoutItem> Items, IReadOnlyList<TakeoutAlbum> Albums, IReadOnlyList<string> Warnings)
{
    /// <summary>Members left out on purpose, each with its reason (hostile names, links, bombs, media outside the photos folders).</summary>
    public IReadOnlyList<RejectedMember> Rejected { get; init; } = [];

    /// <summary>
    /// Folders that hold media but are no album here (no metadata in this export, none known from an
    /// earlier one), other than year folders and the trash, with their items' identities: in a
    /// damaged export, albums whose metadata may have been lost (<see cref="UnconfirmedAlbumFolder"/>).
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> FoldersWithoutAlbumMetadata { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>How many members of each part (by id) sit in a Google Photos folder: 0 means the part is not a Takeout export of Google Photos.</summary>
    public IReadOnlyDictionary<string, int> PhotosMembersByPart { get; init; } = new Dictionary<string, int>();
}
