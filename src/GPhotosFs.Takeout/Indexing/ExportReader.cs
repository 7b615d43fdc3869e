using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using GPhotosFs.Takeout.Archives;
using GPhotosFs.Takeout.Sidecars;

namespace GPhotosFs.Takeout.Indexing;

/// <summary>
/// Turns the scans of one export's parts into items and albums: finds the Google Photos folder
/// (localized), tells year, album and trash folders apart, pairs media with sidecars across parts,
/// and recovers each capture time in order: sidecar photoTakenTime, EXIF (head of the member only),
/// a date in the file name, the archive's entry time.
/// </summary>
public static partial class ExportReader
{
    /// <summary>
    /// Members taken or matched between looks at the heap: taking leaves the parts' lists and sidecar members, matching
    /// some hundred bytes per member, much of it in the oldest generation (<see cref="HeapGrowthCollector"/>).
    /// </summary>
    private const int CheckHeapEveryMembers = 50_000;

    /// <param name="readFacts">Reads the EXIF/QuickTime facts of a media member (zip and folder parts); tar parts bring theirs in the scan.</param>
    /// <param name="hashFile">CRC-32 of an extracted folder's file (only called where size and name collide).</param>
    /// <param name="known">What the catalog already holds: a folder file whose size matches an item known by content or under another name is hashed.</param>
    /// <param name="knownAlbumFolders">Folders an earlier export's metadata made albums (album folders are named after
    /// the album, so the same folder is the same album): such a folder is still that album when this export lacks its
    /// metadata, which a damaged part takes with it. Its members must not drop out of the album for that.</param>
    /// <param name="heap">Told where garbage piles up (every <see cref="CheckHeapEveryMembers"/> members taken or matched:
    /// each part's lists are let go as they are taken, <see cref="PartScan.ReleaseMembers"/>) and where most of the heap
    /// just became garbage (once the members are taken, once they are matched): a million items' garbage otherwise outgrows what they hold.</param>
    public static ExportContents Read(IReadOnlyList<PartScan> scans, Func<PartScan, ArchiveEntry, MediaFacts?> readFacts, IndexCounters counters,
        Func<PartScan, ArchiveEntry, uint>? hashFile = null, KnownIdentities? known = null, IReadOnlySet<string>? knownAlbumFolders = null, HeapGrowthCollector? heap = null)
    {
        var warnings = new List<string>();
        var rejected = new List<RejectedMember>();
        // The media members in the order the parts list them (the first part naming a path wins) and
        // the sidecars, both also grouped by directory: a sidecar matches media of its own directory
        // only (SidecarMatcher), so the export is matched a directory at a time, and what is kept per
        // member is a reference and an index, not a dictionary entry per path.
        var media = new List<MediaMember>();
        var sidecars = new List<(string Path, ParsedSidecar Sidecar)>();
        var directories = new Dictionary<string, DirectoryMembers>(StringComparer.Ordinal);
        var directoryLookup = directories.GetAlternateLookup<ReadOnlySpan<char>>();
        var seen = new HashSet<string>(scans.Sum(s => s.Entries.Count), StringComparer.Ordinal);
        var albumMetadata = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var photosMembersByPart = new Dictionary<string, int>(StringComparer.Ordinal);
        var folders = new Dictionary<string, string>(StringComparer.Ordinal);
        var folderLookup = folders.GetAlternateLookup<ReadOnlySpan<char>>();
        static DirectoryMembers DirectoryOf(Dictionary<string, DirectoryMembers>.AlternateLookup<ReadOnlySpan<char>> directoryLookup, string path)
        {
            var slash = path.LastIndexOf('/');
            var directory = slash < 0 ? ReadOnlySpan<char>.Empty : path.AsSpan(0, slash);
            if (!directoryLookup.TryGetValue(directory, out var members))
            {
                directoryLookup[directory] = members = new DirectoryMembers();
            }

            return members;
        }

        var sinceChecked = 0;
        foreach (var scan in scans)
        {
            rejected.AddRange(scan.Rejected);
            photosMembersByPart[scan.PartId] = 0;
            var bare = scan.Kind == PartKind.Folder && TakeoutNames.IsPhotosTop(Path.GetFileName(Path.TrimEndingDirectorySeparator(scan.Path)));
            foreach (var entry in scan.Entries)
            {
                if (!TryPhotosRelative(entry.Path, bare, out var relativeFolder, out var relativeName))
                {
                    if (TakeoutNames.IsMedia(entry.Path) && IsOutsideOtherProducts(entry.Path))
                    {
                        rejected.Add(new RejectedMember(Path.GetFileName(scan.Path), entry.Path, "media file outside the Google Photos folders (not part of a Takeout export's photos)"));
                    }

                    continue;
                }

                photosMembersByPart[scan.PartId]++;

                // One string per folder, not one per member: a million items live in a few hundred folders.
                if (!folderLookup.TryGetValue(relativeFolder, out var folder))
                {
                    folder = relativeFolder.ToString();
                    folders.Add(folder, folder);
                }

                if (TakeoutNames.IsJson(relativeName))
                {
                    // PartScan.AddJson keeps album metadata as bytes and parses sidecars as they are read.
                    if (TakeoutNames.IsAlbumMetadata(relativeName))
                    {
                        if (scan.Json.TryGetValue(entry.Path, out var json))
                        {
                            albumMetadata.TryAdd(folder, json);
                        }
                    }
                    else if (scan.Sidecars.TryGetValue(entry.Path, out var sidecar) && seen.Add(entry.Path))
                    {
                        DirectoryOf(directoryLookup, entry.Path).Sidecars.Add(sidecars.Count);
                        sidecars.Add((entry.Path, sidecar));
                    }
                }
                else
                {
                    if (seen.Add(entry.Path))
                    {
                        DirectoryOf(directoryLookup, entry.Path).Media.Add(media.Count);
                        media.Add(new MediaMember(scan, entry, folder));
                    }
                }
            }

            // Sidecars whose directory entries the indexer let go (PartScan.DropSidecarEntries): the same
            // order among the part's sidecars, and a sidecar met in the loop above is not met again.
            foreach (var (path, sidecar) in scan.Sidecars)
            {
                if (!TryPhotosRelative(path, bare, out var relativeFolder, out var relativeName) || !seen.Add(path))
                {
                    continue;
                }

                photosMembersByPart[scan.PartId]++;
                if (!folderLookup.TryGetValue(relativeFolder, out var folder))
                {
                    folder = relativeFolder.ToString();
                    folders.Add(folder, folder);
                }

                if (TakeoutNames.IsJson(relativeName) && !TakeoutNames.IsAlbumMetadata(relativeName))
                {
                    DirectoryOf(directoryLookup, path).Sidecars.Add(sidecars.Count);
                    sidecars.Add((path, sidecar));
                }
            }

            // What is needed of the part's members is taken: its sidecars' members and its lists go now,
            // before the next part's are added (at a million items they are a third of the run's memory).
            var taken = scan.Entries.Count;
            scan.ReleaseMembers();
            if ((sinceChecked += taken) >= CheckHeapEveryMembers)
            {
                sinceChecked = 0;
                heap?.CollectIfGrown();
            }
        }

        seen.Clear();
        seen.TrimExcess();
        heap?.Collect();
        IdentifyFolderFiles(media, hashFile, known, counters);

        var sidecarOfMedia = new int[media.Count];
        var matchKinds = new SidecarMatchKind[media.Count];
        Array.Fill(sidecarOfMedia, -1);
        sinceChecked = 0;
        foreach (var (_, members) in directories)
        {
            if (members.Sidecars.Count == 0)
            {
                continue;
            }

            var sidecarByPath = new Dictionary<string, int>(members.Sidecars.Count, StringComparer.Ordinal);
            foreach (var index in members.Sidecars)
            {
                sidecarByPath[sidecars[index].Path] = index;
            }

            var matches = SidecarMatcher.Match(members.Media.Select(i => media[i].Entry.Path), members.Sidecars.Select(i => sidecars[i].Path));
            foreach (var i in members.Media)
            {
                if (matches.TryGetValue(media[i].Entry.Path, out var match))
                {
                    sidecarOfMedia[i] = sidecarByPath[match.SidecarPath];
                    matchKinds[i] = match.Kind;
                }
            }

            if ((sinceChecked += members.Media.Count + members.Sidecars.Count) >= CheckHeapEveryMembers)
            {
                sinceChecked = 0;
                heap?.CollectIfGrown();
            }
        }

        directories.Clear();
        directories.TrimExcess();
        // Matched: the sidecars' paths are needed only to name those that are not valid JSON.
        var sidecarFacts = new ParsedSidecar[sidecars.Count];
        var damagedSidecarPaths = new Dictionary<int, string>();
        for (var i = 0; i < sidecars.Count; i++)
        {
            sidecarFacts[i] = sidecars[i].Sidecar;
            if (sidecars[i].Sidecar.Error is not null)
            {
                damagedSidecarPaths[i] = sidecars[i].Path;
            }
        }

        sidecars.Clear();
        sidecars.TrimExcess();
        heap?.Collect();
        var warned = new bool[sidecarFacts.Length];
        SidecarMetadata? SidecarOf(int mediaIndex)
        {
            var index = sidecarOfMedia[mediaIndex];
            if (index < 0)
            {
                return null;
            }

            var sidecar = sidecarFacts[index];
            if (!warned[index])
            {
                warned[index] = true;
                if (sidecar.Error is { } error)
                {
                    warnings.Add($"sidecar '{damagedSidecarPaths[index]}' is not valid JSON ({error}); its media keeps dates from EXIF or its name");
                }
            }

            return sidecar.Metadata;
        }

        // Identities with a sidecar date somewhere (an album copy often has none of its own):
        // their other copies need no EXIF head read.
        var identities = new string[media.Count];
        var datedBySidecar = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < media.Count; i++)
        {
            var entry = media[i].Entry;
            // The name is part of a folder file's identity only ("f:SIZE:NAME").
            identities[i] = IdentityOf(entry, entry.Crc32 is null ? NameOf(entry.Path) : "");
            if (SidecarOf(i)?.PhotoTakenTime is not null)
            {
                datedBySidecar.Add(identities[i]);
            }
        }

        var items = new List<TakeoutItem>(media.Count);
        var albumMembers = new Dictionary<string, List<TakeoutItem>>(StringComparer.Ordinal);
        var otherFolders = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (var i = 0; i < media.Count; i++)
        {
            var (scan, entry, folder) = media[i];
            var name = NameOf(entry.Path);
            var sidecar = SidecarOf(i);
            var isTrash = TakeoutNames.IsTrash(folder);
            // Only a folder with album metadata (here or in an earlier export) is an album: "Archive"
            // (Archiv, Archivio…), the trash and folders made up by odd member paths hold items but are not albums.
            var isAlbum = !isTrash && (albumMetadata.ContainsKey(folder) || knownAlbumFolders?.Contains(folder) == true);
            var identity = identities[i];
            var (captureTime, captureSource, facts) = sidecar?.PhotoTakenTime is null && datedBySidecar.Contains(identity)
                ? (null, null, null) // another copy's sidecar dates it
                : CaptureTime(scan, entry, name, sidecar, readFacts, counters);
            var item = new TakeoutItem
            {
                Identity = identity,
                PartId = scan.PartId,
                Entry = entry,
                Sidecar = sidecar,
                MatchKind = sidecarOfMedia[i] >= 0 ? matchKinds[i] : null,
                CaptureTime = captureTime,
                CaptureTimeSource = captureSource,
                MediaFacts = facts,
                InTrashFolder = isTrash,
                Folder = folder,
                InYearFolder = !isTrash && !isAlbum && TakeoutNames.IsYearFolder(folder),
            };
            items.Add(item);
            if (isAlbum)
            {
                if (!albumMembers.TryGetValue(folder, out var members))
                {
                    albumMembers[folder] = members = [];
                }

                members.Add(item);
            }
            else if (!isTrash && !item.InYearFolder)
            {
                if (!otherFolders.TryGetValue(folder, out var identitiesOfFolder))
                {
                    otherFolders[folder] = identitiesOfFolder = [];
                }

                identitiesOfFolder.Add(identity);
            }
        }

        // An album copy often has no date of its own: order by the item's date from any copy.
        // Only album members are ordered: only their identities' dates are kept.
        var inAlbums = albumMembers.Values.SelectMany(m => m).Select(m => m.Identity).ToHashSet(StringComparer.Ordinal);
        var timeByIdentity = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var item in items.Where(i => i.CaptureTime is not null && inAlbums.Contains(i.Identity)).OrderBy(i => i.CaptureTimeSource == "sidecar" ? 0 : 1))
        {
            timeByIdentity.TryAdd(item.Identity, item.CaptureTime!.Value);
        }

        var albums = new List<TakeoutAlbum>();
        foreach (var (folder, members) in albumMembers)
        {
            AlbumMetadata? metadata = null;
            var hasMetadata = albumMetadata.TryGetValue(folder, out var json);
            if (hasMetadata)
            {
                try
                {
                    metadata = AlbumMetadata.Parse(json);
                }
                catch (JsonException ex)
                {
                    warnings.Add($"album metadata of '{folder}' is not valid JSON ({ex.Message}); the album is titled after its folder");
                }
            }

            // Members in capture order (as Google shows an album), so every kind of part gives the same order.
            var ordered = members.OrderBy(m => timeByIdentity.GetValueOrDefault(m.Identity, DateTimeOffset.MaxValue)).ThenBy(m => m.FileName, StringComparer.Ordinal).Select(m => m.Identity).Distinct().ToList();
            albums.Add(new TakeoutAlbum(folder, metadata?.Title ?? folder, metadata?.Description, ordered) { KnownFromEarlierExport = !hasMetadata });
        }

        foreach (var scan in scans)
        {
            warnings.AddRange(scan.Warnings);
        }

        return new ExportContents(items, albums, warnings)
        {
            Rejected = rejected,
            PhotosMembersByPart = photosMembersByPart,
            FoldersWithoutAlbumMetadata = otherFolders.ToDictionary(f => f.Key, f => (IReadOnlyList<string>)f.Value.Distinct().ToList(), StringComparer.Ordinal),
        };
    }

    /// <summary>
    /// The item's identity across parts and exports, known without reading media bytes where
    /// possible, and never the same for two different byte sequences: the member's CRC-32 and
    /// size ("c:1a2b3c4d:20480"), from the zip directory or computed as a tar member streams past
    /// at index time. The name is not part of it, so the same photo in its year folder, an album,
    /// another export, or under a swapped "(n)" counter is one item. Extracted folders have no
    /// CRC: a file whose size and name (without its "(n)" counter) are unique is "f:20480:IMG.jpg";
    /// where they collide with another file (or with a content-identified item of the catalog)
    /// the file is hashed (<see cref="IdentifyFolderFiles"/>) and gets the content identity.
    /// </summary>
    public static string IdentityOf(ArchiveEntry entry, string name) =>
        entry.Crc32 is { } crc
            ? string.Create(CultureInfo.InvariantCulture, $"c:{crc:x8}:{entry.Size}")
            : string.Create(CultureInfo.InvariantCulture, $"f:{entry.Size}:{BaseName(name)}");

    /// <summary>"IMG(1).jpg" → "IMG.jpg": Takeout's duplicate counter is not stable across exports.</summary>
    public static string BaseName(string fileName) => DuplicateCounter().Replace(fileName, "");

    /// <summary>
    /// Gives extracted folders' files a content identity where name and size cannot be trusted:
    /// another media file of the export has the same size (a twin with the same name, an album
    /// copy, a renamed copy), or the catalog knows an item of that size by content or under
    /// another name. Everything else keeps "f:SIZE:NAME" without a byte read.
    /// </summary>
    private static void IdentifyFolderFiles(List<MediaMember> media, Func<PartScan, ArchiveEntry, uint>? hashFile, KnownIdentities? known, IndexCounters counters)
    {
        if (hashFile is null)
        {
            return;
        }

        var sizes = new Dictionary<long, int>();
        foreach (var member in media)
        {
            sizes[member.Entry.Size] = sizes.GetValueOrDefault(member.Entry.Size) + 1;
        }

        for (var i = 0; i < media.Count; i++)
        {
            var member = media[i];
            if (member.Entry.Crc32 is null && (sizes[member.Entry.Size] > 1 || known?.MustHash(member.Entry.Size, BaseName(NameOf(member.Entry.Path))) == true))
            {
                var crc = hashFile(member.Scan, member.Entry);
                counters.AddHashed(member.Entry.Size);
                media[i] = member with { Entry = member.Entry with { Crc32 = crc } };
            }
        }
    }

    /// <summary>The file name of a member path ("…/Photos from 2019/x.jpg" → "x.jpg").</summary>
    internal static string NameOf(string path) => path[(path.LastIndexOf('/') + 1)..];

    /// <summary>"Takeout/Google Photos/Photos from 2019/x.jpg" → ("Photos from 2019", "x.jpg"); null outside the Google Photos folder.</summary>
    /// <param name="bare">The part is a Google Photos folder itself (an extracted ".../Takeout/Google Photos" given directly).</param>
    public static (string Folder, string Name)? PhotosRelative(string path, bool bare = false)
    {
        var segments = path.Split('/');
        var start = 0;
        if (segments[0].Equals("Takeout", StringComparison.OrdinalIgnoreCase))
        {
            if (segments.Length < 4 || !TakeoutNames.IsPhotosTop(segments[1]))
            {
                return null; // another Google product in the same export
            }

            start = 2;
        }
        else if (segments.Length >= 3 && TakeoutNames.IsPhotosTop(segments[0]))
        {
            start = 1;
        }
        else if (!bare)
        {
            return null; // not laid out as Takeout lays out Google Photos
        }

        var remaining = segments.Length - start;
        if (remaining < 2)
        {
            return null; // files beside the album folders (print-subscriptions.json, …)
        }

        return (string.Join('/', segments[start..^1]), segments[^1]);
    }

    /// <summary>
    /// <see cref="PhotosRelative"/> without making strings of the path's segments (the reader meets
    /// every member of the export): the folder and name as parts of the path.
    /// </summary>
    internal static bool TryPhotosRelative(string path, bool bare, out ReadOnlySpan<char> folder, out ReadOnlySpan<char> name)
    {
        folder = default;
        name = default;
        var span = path.AsSpan();
        var segments = span.Count('/') + 1;
        var firstSlash = span.IndexOf('/');
        var first = firstSlash < 0 ? span : span[..firstSlash];
        int start, startOffset;
        if (first.Equals("Takeout", StringComparison.OrdinalIgnoreCase))
        {
            if (segments < 4)
            {
                return false;
            }

            var rest = span[(firstSlash + 1)..];
            var secondSlash = rest.IndexOf('/');
            if (!TakeoutNames.IsPhotosTop(rest[..secondSlash]))
            {
                return false; // another Google product in the same export
            }

            (start, startOffset) = (2, firstSlash + 1 + secondSlash + 1);
        }
        else if (segments >= 3 && TakeoutNames.IsPhotosTop(first))
        {
            (start, startOffset) = (1, firstSlash + 1);
        }
        else if (!bare)
        {
            return false; // not laid out as Takeout lays out Google Photos
        }
        else
        {
            (start, startOffset) = (0, 0);
        }

        if (segments - start < 2)
        {
            return false; // files beside the album folders (print-subscriptions.json, …)
        }

        var lastSlash = span.LastIndexOf('/');
        folder = span[startOffset..lastSlash];
        name = span[(lastSlash + 1)..];
        return true;
    }

    private static (DateTimeOffset?, string?, MediaFacts?) CaptureTime(PartScan scan, ArchiveEntry entry, string name, SidecarMetadata? sidecar,
        Func<PartScan, ArchiveEntry, MediaFacts?> readFacts, IndexCounters counters)
    {
        if (sidecar?.PhotoTakenTime is { } taken)
        {
            return (taken, "sidecar", null);
        }

        var facts = scan.HeadFacts.GetValueOrDefault(entry.Path);
        if (facts is null && scan.Kind != PartKind.TarGzip && TakeoutNames.IsMedia(name) && entry.Size > 0)
        {
            try
            {
                facts = readFacts(scan, entry);
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or TakeoutPartException or UnauthorizedAccessException)
            {
                scan.Warnings.Add($"{Path.GetFileName(scan.Path)}: cannot read the head of '{entry.Path}' for its capture date ({PartErrors.Describe(Path.GetFileName(scan.Path), scan.Kind, ex, 0)})");
            }
        }

        if (facts?.CaptureTime is { } fromMedia)
        {
            return (fromMedia, facts.CaptureTimeSource, facts);
        }

        if (FileNameDates.Parse(name) is { } fromName)
        {
            return (fromName, "filename", facts);
        }

        return entry.ModifiedTime is { } modified ? (modified, "archive", facts) : (null, null, facts);
    }

    /// <summary>Members of other Google products ("Takeout/Drive/…") are not ours to judge; media anywhere else is reported.</summary>
    private static bool IsOutsideOtherProducts(string path)
    {
        var segments = path.Split('/');
        return !(segments.Length >= 3 && segments[0].Equals("Takeout", StringComparison.OrdinalIgnoreCase) && !TakeoutNames.IsPhotosTop(segments[1]));
    }

    /// <summary>A media member of the export: the part that holds it, its directory entry, and its folder below the Google Photos folder.</summary>
    private readonly record struct MediaMember(PartScan Scan, ArchiveEntry Entry, string Folder);

    /// <summary>One directory's media and sidecars, as indices into the export's lists, in the order the parts list them.</summary>
    private sealed class DirectoryMembers
    {
        public List<int> Media { get; } = [];

        public List<int> Sidecars { get; } = [];
    }

    [GeneratedRegex(@"\(\d+\)(?=\.[^.]*$|$)")]
    private static partial Regex DuplicateCounter();
}
