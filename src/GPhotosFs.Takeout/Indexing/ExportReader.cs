using System.Globalization;
using System.Text.Json;
using GPhotosFs.Takeout.Archives;
using GPhotosFs.Takeout.Sidecars;

namespace GPhotosFs.Takeout.Indexing;

/// <summary>
/// Turns the scans of one export's parts into items and albums: finds the Google Photos folder
/// (localized), tells year, album and trash folders apart, pairs media with sidecars across parts,
/// and recovers each capture time in order: sidecar photoTakenTime, EXIF (head of the member only),
/// a date in the file name, the archive's entry time.
/// </summary>
public static class ExportReader
{
    /// <param name="readHead">Reads the head of a media member for EXIF (zip and folder parts); tar parts bring theirs in the scan.</param>
    public static ExportContents Read(IReadOnlyList<PartScan> scans, Func<PartScan, ArchiveEntry, byte[]> readHead, IndexCounters counters)
    {
        var warnings = new List<string>();
        var media = new Dictionary<string, (PartScan Scan, ArchiveEntry Entry, string Folder, string Name)>(StringComparer.Ordinal);
        var sidecars = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var albumMetadata = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var scan in scans)
        {
            foreach (var entry in scan.Entries)
            {
                if (PhotosRelative(entry.Path) is not { } relative)
                {
                    continue;
                }

                if (TakeoutNames.IsJson(relative.Name))
                {
                    if (!scan.Json.TryGetValue(entry.Path, out var json))
                    {
                        continue;
                    }

                    if (TakeoutNames.IsAlbumMetadata(relative.Name))
                    {
                        albumMetadata.TryAdd(relative.Folder, json);
                    }
                    else
                    {
                        sidecars.TryAdd(entry.Path, json);
                    }
                }
                else
                {
                    media.TryAdd(entry.Path, (scan, entry, relative.Folder, relative.Name));
                }
            }
        }

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
                try
                {
                    metadata = SidecarMetadata.Parse(sidecars[match.SidecarPath]);
                }
                catch (JsonException ex)
                {
                    warnings.Add($"sidecar '{match.SidecarPath}' is not valid JSON ({ex.Message}); its media keeps dates from EXIF or its name");
                    metadata = null;
                }

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
        foreach (var (path, (scan, entry, folder, name)) in media)
        {
            var sidecar = SidecarOf(path);
            var isTrash = TakeoutNames.IsTrash(folder);
            var identity = IdentityOf(entry, name);
            var (captureTime, captureSource) = sidecar?.PhotoTakenTime is null && datedBySidecar.Contains(identity)
                ? (null, null) // another copy's sidecar dates it
                : CaptureTime(scan, entry, name, sidecar, readHead, counters);
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
                InTrashFolder = isTrash,
                Folder = folder,
                InYearFolder = !isTrash && !albumMetadata.ContainsKey(folder) && TakeoutNames.IsYearFolder(folder),
            };
            items.Add(item);
            if (!isTrash && (albumMetadata.ContainsKey(folder) || !TakeoutNames.IsYearFolder(folder)))
            {
                if (!albumMembers.TryGetValue(folder, out var members))
                {
                    albumMembers[folder] = members = [];
                }

                members.Add(item);
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
            if (albumMetadata.TryGetValue(folder, out var json))
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
            albums.Add(new TakeoutAlbum(folder, metadata?.Title ?? folder, metadata?.Description, ordered));
        }

        foreach (var scan in scans)
        {
            warnings.AddRange(scan.Warnings);
        }

        return new ExportContents(items, albums, warnings);
    }

    /// <summary>
    /// The item's identity across parts and exports, known without reading media bytes: the
    /// member's CRC-32, size and file name ("c:1a2b3c4d:20480:IMG_1234.jpg"). The same photo in
    /// its year folder and in an album, or in two exports, is one item; a different photo with the
    /// same name differs in CRC or size. Extracted folders have no CRC: their identity is size,
    /// name ("f:20480:IMG_1234.jpg"), so they merge with each other (an album copy
    /// is the same item) but not with archived copies.
    /// </summary>
    public static string IdentityOf(ArchiveEntry entry, string name) =>
        entry.Crc32 is { } crc
            ? string.Create(CultureInfo.InvariantCulture, $"c:{crc:x8}:{entry.Size}:{name}")
            : string.Create(CultureInfo.InvariantCulture, $"f:{entry.Size}:{name}");

    /// <summary>"Takeout/Google Photos/Photos from 2019/x.jpg" → ("Photos from 2019", "x.jpg"); null outside the Google Photos folder.</summary>
    public static (string Folder, string Name)? PhotosRelative(string path)
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

        var remaining = segments.Length - start;
        if (remaining < 2)
        {
            return null; // files beside the album folders (print-subscriptions.json, …)
        }

        return (string.Join('/', segments[start..^1]), segments[^1]);
    }

    private static (DateTimeOffset?, string?) CaptureTime(PartScan scan, ArchiveEntry entry, string name, SidecarMetadata? sidecar, Func<PartScan, ArchiveEntry, byte[]> readHead, IndexCounters counters)
    {
        if (sidecar?.PhotoTakenTime is { } taken)
        {
            return (taken, "sidecar");
        }

        if (scan.HeadCaptureTimes.TryGetValue(entry.Path, out var fromTarHead))
        {
            return (fromTarHead, "exif");
        }

        if (scan.Kind != PartKind.TarGzip && TakeoutNames.MimeTypeOf(name).StartsWith("image/", StringComparison.Ordinal) && entry.Size > 0)
        {
            try
            {
                var head = readHead(scan, entry);
                counters.AddMediaHead(head.Length);
                if (ExifDates.Read(head) is { } exif)
                {
                    return (exif, "exif");
                }
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or TakeoutPartException or UnauthorizedAccessException)
            {
                scan.Warnings.Add($"{Path.GetFileName(scan.Path)}: cannot read the head of '{entry.Path}' for its EXIF date: {ex.Message}");
            }
        }

        if (FileNameDates.Parse(name) is { } fromName)
        {
            return (fromName, "filename");
        }

        return entry.ModifiedTime is { } modified ? (modified, "archive") : (null, null);
    }
}
