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
    /// <param name="readFacts">Reads the EXIF/QuickTime facts of a media member (zip and folder parts); tar parts bring theirs in the scan.</param>
    /// <param name="hashFile">CRC-32 of an extracted folder's file (only called where size and name collide).</param>
    /// <param name="known">What the catalog already holds: a folder file whose size matches an item known by content or under another name is hashed.</param>
    /// <param name="knownAlbumFolders">Folders an earlier export's metadata made albums (album folders are named after
    /// the album, so the same folder is the same album): such a folder is still that album when this export lacks its
    /// metadata, which a damaged part takes with it. Its members must not drop out of the album for that.</param>
    public static ExportContents Read(IReadOnlyList<PartScan> scans, Func<PartScan, ArchiveEntry, MediaFacts?> readFacts, IndexCounters counters,
        Func<PartScan, ArchiveEntry, uint>? hashFile = null, KnownIdentities? known = null, IReadOnlySet<string>? knownAlbumFolders = null)
    {
        var warnings = new List<string>();
        var rejected = new List<RejectedMember>();
        var media = new Dictionary<string, (PartScan Scan, ArchiveEntry Entry, string Folder, string Name)>(StringComparer.Ordinal);
        var sidecars = new Dictionary<string, ParsedSidecar>(StringComparer.Ordinal);
        var albumMetadata = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var photosMembersByPart = new Dictionary<string, int>(StringComparer.Ordinal);
        var folders = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var scan in scans)
        {
            rejected.AddRange(scan.Rejected);
            photosMembersByPart[scan.PartId] = 0;
            var bare = scan.Kind == PartKind.Folder && TakeoutNames.IsPhotosTop(Path.GetFileName(Path.TrimEndingDirectorySeparator(scan.Path)));
            foreach (var entry in scan.Entries)
            {
                if (PhotosRelative(entry.Path, bare) is not { } relative)
                {
                    if (TakeoutNames.IsMedia(entry.Path) && IsOutsideOtherProducts(entry.Path))
                    {
                        rejected.Add(new RejectedMember(Path.GetFileName(scan.Path), entry.Path, "media file outside the Google Photos folders (not part of a Takeout export's photos)"));
                    }

                    continue;
                }

                photosMembersByPart[scan.PartId]++;

                if (TakeoutNames.IsJson(relative.Name))
                {
                    // PartScan.AddJson keeps album metadata as bytes and parses sidecars as they are read.
                    if (TakeoutNames.IsAlbumMetadata(relative.Name))
                    {
                        if (scan.Json.TryGetValue(entry.Path, out var json))
                        {
                            albumMetadata.TryAdd(relative.Folder, json);
                        }
                    }
                    else if (scan.Sidecars.TryGetValue(entry.Path, out var sidecar))
                    {
                        sidecars.TryAdd(entry.Path, sidecar);
                    }
                }
                else
                {
                    // One string per folder, not one per member: a million items live in a few hundred folders.
                    if (!folders.TryGetValue(relative.Folder, out var folder))
                    {
                        folders.Add(relative.Folder, folder = relative.Folder);
                    }

                    media.TryAdd(entry.Path, (scan, entry, folder, relative.Name));
                }
            }
        }

        IdentifyFolderFiles(media, hashFile, known, counters);

        var matches = SidecarMatcher.Match(media.Keys, sidecars.Keys);
        var parsed = new Dictionary<string, SidecarMetadata?>(StringComparer.Ordinal);
        SidecarMetadata? SidecarOf(string mediaPath)
        {
            if (!matches.TryGetValue(mediaPath, out var match))
            {
                return null;
            }

            if (!parsed.TryGetValue(match.SidecarPath, out var metadata))
            {
                var sidecar = sidecars[match.SidecarPath];
                if (sidecar.Error is { } error)
                {
                    warnings.Add($"sidecar '{match.SidecarPath}' is not valid JSON ({error}); its media keeps dates from EXIF or its name");
                }

                metadata = sidecar.Metadata;
                parsed[match.SidecarPath] = metadata;
            }

            return metadata;
        }

        // Identities with a sidecar date somewhere (an album copy often has none of its own):
        // their other copies need no EXIF head read.
        var datedBySidecar = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, (_, entry, _, name)) in media)
        {
            if (SidecarOf(path)?.PhotoTakenTime is not null)
            {
                datedBySidecar.Add(IdentityOf(entry, name));
            }
        }

        var items = new List<TakeoutItem>(media.Count);
        var albumMembers = new Dictionary<string, List<TakeoutItem>>(StringComparer.Ordinal);
        var otherFolders = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (path, (scan, entry, folder, name)) in media)
        {
            var sidecar = SidecarOf(path);
            var isTrash = TakeoutNames.IsTrash(folder);
            // Only a folder with album metadata (here or in an earlier export) is an album: "Archive"
            // (Archiv, Archivio…), the trash and folders made up by odd member paths hold items but are not albums.
            var isAlbum = !isTrash && (albumMetadata.ContainsKey(folder) || knownAlbumFolders?.Contains(folder) == true);
            var identity = IdentityOf(entry, name);
            var (captureTime, captureSource, facts) = sidecar?.PhotoTakenTime is null && datedBySidecar.Contains(identity)
                ? (null, null, null) // another copy's sidecar dates it
                : CaptureTime(scan, entry, name, sidecar, readFacts, counters);
            var item = new TakeoutItem
            {
                Identity = identity,
                FileName = name,
                PartId = scan.PartId,
                Entry = entry,
                Sidecar = sidecar,
                MatchKind = matches.TryGetValue(path, out var m) ? m.Kind : null,
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
                if (!otherFolders.TryGetValue(folder, out var identities))
                {
                    otherFolders[folder] = identities = [];
                }

                identities.Add(identity);
            }
        }

        // An album copy often has no date of its own: order by the item's date from any copy.
        var timeByIdentity = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var item in items.Where(i => i.CaptureTime is not null).OrderBy(i => i.CaptureTimeSource == "sidecar" ? 0 : 1))
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
    private static void IdentifyFolderFiles(Dictionary<string, (PartScan Scan, ArchiveEntry Entry, string Folder, string Name)> media,
        Func<PartScan, ArchiveEntry, uint>? hashFile, KnownIdentities? known, IndexCounters counters)
    {
        if (hashFile is null)
        {
            return;
        }

        var sizes = new Dictionary<long, int>();
        foreach (var (_, value) in media)
        {
            sizes[value.Entry.Size] = sizes.GetValueOrDefault(value.Entry.Size) + 1;
        }

        foreach (var (path, value) in media.Where(m => m.Value.Entry.Crc32 is null).ToList())
        {
            if (sizes[value.Entry.Size] > 1 || known?.MustHash(value.Entry.Size, BaseName(value.Name)) == true)
            {
                var crc = hashFile(value.Scan, value.Entry);
                counters.AddHashed(value.Entry.Size);
                media[path] = value with { Entry = value.Entry with { Crc32 = crc } };
            }
        }
    }

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

    [GeneratedRegex(@"\(\d+\)(?=\.[^.]*$|$)")]
    private static partial Regex DuplicateCounter();
}
