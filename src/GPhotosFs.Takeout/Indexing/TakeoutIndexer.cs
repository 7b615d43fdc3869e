using System.Text.RegularExpressions;
using GPhotosFs.Catalog;
using GPhotosFs.Takeout.Archives;

namespace GPhotosFs.Takeout.Indexing;

/// <summary>
/// Adds Takeout parts to a library's catalog. Reads archive directories and sidecar JSON only
/// (plus the EXIF head of photos without a sidecar date). A part already known with the same path,
/// size and mtime is skipped without reading it; a part whose fingerprint is known under another
/// path is re-linked (its items' locators name the part by id, so nothing else changes). New parts
/// are indexed together with the other parts of their export, since a sidecar may sit in another
/// part than its media. Items merge by identity (<see cref="ExportReader.IdentityOf"/>) across parts
/// and exports; an export newer than all others marks the items it lacks as missing (never deletes them).
/// </summary>
public sealed partial class TakeoutIndexer(LibraryCatalog catalog, string sourceName = TakeoutIndexer.DefaultSourceName, IProgress<TakeoutProgress>? progress = null, TimeProvider? timeProvider = null)
{
    public const string DefaultSourceName = "takeout";

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly Dictionary<long, List<long>> _albumsThisRun = [];

    public IReadOnlyList<TakeoutPartRecord> ListParts() =>
        catalog.GetSources().FirstOrDefault(s => s.Kind == SourceKinds.Takeout && s.Name == sourceName) is { } source
            ? TakeoutSourceConfig.Parse(source.Config).Parts
            : [];

    /// <summary>Forgets a part (by id, path or file name). Its items stay in the catalog; reads of those only it holds fail until it is added again.</summary>
    public TakeoutPartRecord? Remove(string part)
    {
        var source = catalog.EnsureSource(SourceKinds.Takeout, sourceName, null);
        var config = TakeoutSourceConfig.Parse(source.Config);
        var full = Path.GetFullPath(part);
        var match = config.Parts.FirstOrDefault(p => p.Id == part || p.Path == full || Path.GetFileName(p.Path) == part);
        if (match is null)
        {
            return null;
        }

        config.Parts.Remove(match);
        catalog.EnsureSource(SourceKinds.Takeout, sourceName, config.ToJson());
        return match;
    }

    /// <param name="dryRun">Read and match everything, write nothing: the result's <see cref="TakeoutAddResult.Preview"/> says what would be indexed.</param>
    public TakeoutAddResult Add(IReadOnlyList<string> paths, IndexCounters? counters = null, bool dryRun = false)
    {
        counters ??= new IndexCounters();
        var started = _time.GetUtcNow();
        var existing = catalog.GetSources().FirstOrDefault(s => s.Kind == SourceKinds.Takeout && s.Name == sourceName);
        // The source is created only once a part is recorded: refused input leaves the catalog as it was.
        var source = existing ?? new SourceRecord(-1, SourceKinds.Takeout, sourceName, null, started);
        var config = TakeoutSourceConfig.Parse(source.Config);
        foreach (var part in config.Parts.ToList())
        {
            // Parts recorded before exports were grouped by their stamp alone join their export now.
            if (ExportNameOf(part.Path) is { } export && export != part.Export)
            {
                config.Parts[config.Parts.IndexOf(part)] = part with { Export = export };
            }
        }

        var configChanged = false;
        if (!dryRun && existing is not null && config.Identities < TakeoutSourceConfig.ContentIdentities)
        {
            MigrateIdentities(source.Id);
            config = config with { Identities = TakeoutSourceConfig.ContentIdentities };
            configChanged = true;
        }

        var refused = new List<string>();
        _albumsThisRun.Clear();
        var errors = new List<string>();
        var warnings = new List<string>();
        var changedExports = new HashSet<string>(StringComparer.Ordinal);
        int unchanged = 0, relinked = 0, added = 0;

        foreach (var given in paths)
        {
            var path = Path.GetFullPath(Path.TrimEndingDirectorySeparator(given));
            var kind = PartReader.DetectKind(path);
            if (kind is null)
            {
                refused.Add(File.Exists(path) || Directory.Exists(path)
                    ? $"{given}: not a Takeout part (.zip, .tgz or an extracted folder); nothing added"
                    : $"{given}: no such file or folder");
                continue;
            }

            var (length, modified) = Stat(path, kind.Value);
            var samePath = config.Parts.FirstOrDefault(p => p.Path == path);
            if (samePath is not null && kind != PartKind.Folder && samePath.Length == length && samePath.ModifiedTicks == modified && samePath.LastError is null)
            {
                unchanged++;
                continue;
            }

            progress?.Report(new TakeoutProgress($"fingerprinting {Path.GetFileName(path)}", 0, 0));
            var fingerprint = PartFingerprint.Compute(path, kind.Value);
            var sameContent = config.Parts.FirstOrDefault(p => p.Fingerprint == fingerprint);
            if (sameContent is not null && sameContent.LastError is null)
            {
                if (sameContent.Path != path || sameContent.ModifiedTicks != modified)
                {
                    config.Parts[config.Parts.IndexOf(sameContent)] = sameContent with { Path = path, Length = length, ModifiedTicks = modified };
                    relinked += sameContent.Path != path ? 1 : 0;
                    unchanged += sameContent.Path != path ? 0 : 1;
                    configChanged = true;
                }
                else
                {
                    unchanged++;
                }

                continue;
            }

            if (samePath is not null)
            {
                config.Parts.Remove(samePath); // the file at this path changed: index it as a new part
            }

            if (sameContent is not null)
            {
                config.Parts.Remove(sameContent); // it failed last time: try again
            }

            var record = new TakeoutPartRecord
            {
                Id = fingerprint[..16],
                Path = path,
                Kind = kind.Value,
                Export = ExportNameOf(path),
                Length = length,
                ModifiedTicks = modified,
                Fingerprint = fingerprint,
                AddedAt = started,
            };
            config.Parts.Add(record);
            changedExports.Add(record.Export);
            added++;
            configChanged = true;
        }

        var result = new TakeoutAddResult { PartsUnchanged = unchanged, PartsRelinked = relinked, PartErrors = errors, Refused = refused };
        if (changedExports.Count == 0)
        {
            if (configChanged && !dryRun && existing is not null)
            {
                catalog.EnsureSource(SourceKinds.Takeout, sourceName, config.ToJson());
            }

            return result;
        }

        // Index the changed exports' parts (all of them: sidecars cross parts), oldest export first so the newest locators win.
        var toScan = config.Parts.Where(p => changedExports.Contains(p.Export) && (File.Exists(p.Path) || Directory.Exists(p.Path))).ToList();
        var scans = new PartScan[toScan.Count];
        var scanned = 0;
        Parallel.For(0, toScan.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            scans[i] = PartReader.Scan(toScan[i].Path, toScan[i].Id, toScan[i].Kind, counters);
            var n = Interlocked.Increment(ref scanned);
            progress?.Report(new TakeoutProgress($"read {Path.GetFileName(toScan[i].Path)} ({scans[i].Entries.Count:N0} members)", n, toScan.Count));
        });

        // A new part that is not a Takeout export of Google Photos (nothing readable, or nothing in
        // a Google Photos folder) is refused: it is not recorded and changes nothing.
        var kept = new List<PartScan>();
        foreach (var (part, scan) in toScan.Zip(scans))
        {
            if (part.AddedAt == started && NotTakeout(part, scan) is { } why)
            {
                refused.Add(why);
                config.Parts.Remove(part);
                added--;
                continue;
            }

            if (scan.Error is not null)
            {
                errors.Add(scan.Error);
            }

            config.Parts[config.Parts.IndexOf(part)] = part with { LastError = scan.Error };
            kept.Add(scan);
        }

        scans = [.. kept];
        changedExports.IntersectWith(config.Parts.Where(p => p.AddedAt == started).Select(p => p.Export));
        if (changedExports.Count == 0)
        {
            if (configChanged && !dryRun && existing is not null)
            {
                catalog.EnsureSource(SourceKinds.Takeout, sourceName, config.ToJson());
            }

            return result with { PartsAdded = 0, PartErrors = errors, Refused = refused };
        }

        if (!dryRun && existing is null)
        {
            source = catalog.EnsureSource(SourceKinds.Takeout, sourceName, null);
        }

        // What the catalog holds, read again after each export stored in this run (the next export may meet its items).
        var known = existing is null ? null : new KnownIdentities(catalog.ReadSourceItemKeys(source.Id));
        var preview = dryRun ? new List<TakeoutPreviewItem>() : null;
        var previewAlbums = dryRun ? new List<TakeoutAlbum>() : null;
        var rejected = new List<RejectedMember>();
        if (config.Parts.Count == 0)
        {
            return result with { PartsAdded = 0, PartErrors = errors, Refused = refused };
        }

        var newestExport = config.Parts.Select(p => p.Export).Distinct().OrderBy(ExportOrderKey, StringComparer.Ordinal).Last();
        int mediaEntries = 0, items = 0, albums = 0, newlyMissing = 0;
        foreach (var export in changedExports.OrderBy(ExportOrderKey, StringComparer.Ordinal))
        {
            var exportScans = scans.Where(s => config.Parts.First(p => p.Id == s.PartId).Export == export).ToList();
            progress?.Report(new TakeoutProgress($"matching sidecars of {export}", 0, 0));
            var contents = ExportReader.Read(exportScans, (scan, entry) => PartReader.ReadFacts(scan.Path, scan.Kind, entry, counters), counters,
                (scan, entry) => PartReader.HashFile(scan.Path, entry), known);
            warnings.AddRange(contents.Warnings);
            rejected.AddRange(contents.Rejected);
            mediaEntries += contents.Items.Count;
            var records = Records(source.Id, contents);
            if (dryRun)
            {
                preview!.AddRange(records.Select(r => new TakeoutPreviewItem(r.FileName, r.CaptureTime, r.CaptureTimeSource, r.Size ?? 0, r.IsTrashed, r.SourceItemId)));
                previewAlbums!.AddRange(contents.Albums);
                items += records.Count;
                albums += contents.Albums.Count;
                continue;
            }

            if (known is not null)
            {
                RekeyByContent(source.Id, records, known, config.Parts, counters);
            }

            var identities = Store(source.Id, contents, records, out var albumCount);
            if (changedExports.Count > 1)
            {
                known = new KnownIdentities(catalog.ReadSourceItemKeys(source.Id));
            }
            items += identities.Count;
            albums += albumCount;
            foreach (var scan in exportScans)
            {
                var part = config.Parts.First(p => p.Id == scan.PartId);
                config.Parts[config.Parts.IndexOf(part)] = part with { MediaCount = contents.Items.Count(i => i.PartId == scan.PartId) };
            }

            // Only a complete listing of the newest export may say what is gone.
            if (export == newestExport && exportScans.All(s => s.Error is null))
            {
                newlyMissing = catalog.MarkMissing(source.Id, identities).NewlyMissing;
            }
        }

        if (dryRun)
        {
            return result with
            {
                PartsAdded = added,
                PartErrors = errors,
                Refused = refused,
                Warnings = warnings,
                Rejected = rejected,
                MediaEntries = mediaEntries,
                Items = items,
                Albums = albums,
                MediaHeadBytes = counters.MediaHeadBytes,
                MediaHeads = counters.MediaHeads,
                HashedBytes = counters.HashedBytes,
                HashedFiles = counters.HashedFiles,
                Preview = preview,
                PreviewAlbums = previewAlbums,
                DamagedParts = config.Parts.Where(p => p.LastError is not null).Select(p => p.LastError!).ToList(),
            };
        }

        progress?.Report(new TakeoutProgress("assigning paths", 0, 0));
        catalog.AssignPaths();
        catalog.EnsureSource(SourceKinds.Takeout, sourceName, config.ToJson());
        catalog.SaveSyncState(new SyncState
        {
            SourceId = source.Id,
            LastStarted = started,
            LastFinished = _time.GetUtcNow(),
            LastSuccess = errors.Count == 0 ? _time.GetUtcNow() : catalog.GetSyncState(source.Id)?.LastSuccess,
            LastResult = errors.Count == 0 ? SyncState.ResultOk : SyncState.ResultPartial,
            LastError = errors.Count == 0 ? null : string.Join("; ", errors),
            ItemsSeen = items,
        });

        return result with
        {
            PartsAdded = added,
            PartErrors = errors,
            Refused = refused,
            Rejected = rejected,
            HashedBytes = counters.HashedBytes,
            HashedFiles = counters.HashedFiles,
            DamagedParts = config.Parts.Where(p => p.LastError is not null).Select(p => p.LastError!).ToList(),
            Warnings = warnings,
            MediaEntries = mediaEntries,
            Items = items,
            Albums = albums,
            NewlyMissing = newlyMissing,
            MediaHeadBytes = counters.MediaHeadBytes,
            MediaHeads = counters.MediaHeads,
        };
    }

    /// <summary>
    /// The export a part belongs to: parts of one export share Takeout's timestamp, whatever the
    /// format and whatever the unstable export number between them ("takeout-20260101T000000Z-003.zip",
    /// "takeout-20260101T000000Z-2-001.tgz" and an extracted "takeout-20260101T000000Z-004/" folder
    /// are all "takeout-20260101T000000Z"). A name without a stamp: "NAME-003.zip" → "NAME", else the name itself.
    /// </summary>
    public static string ExportNameOf(string path)
    {
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(path));
        if (TakeoutStamp().Match(name) is { Success: true } stamped)
        {
            return "takeout-" + stamped.Groups[1].Value;
        }

        var match = PartSuffix().Match(name);
        return match.Success ? match.Groups[1].Value : name;
    }

    /// <summary>Why a newly given part is not a Takeout export of Google Photos (refused, nothing recorded); null when it is.</summary>
    private static string? NotTakeout(TakeoutPartRecord part, PartScan scan)
    {
        var name = Path.GetFileName(part.Path);
        if (scan.Error is not null && scan.Entries.Count == 0)
        {
            // A Takeout part cut short before its directory is still a part of the export (damaged,
            // shown until replaced); a file that does not even start like one is refused.
            return PartReader.StartsLikeTakeout(part.Path, part.Kind) ? null : $"{scan.Error}; nothing added";
        }

        if (scan.Error is not null || scan.Entries.Any(e => ExportReader.PhotosRelative(e.Path, scan.Kind == PartKind.Folder && Sidecars.TakeoutNames.IsPhotosTop(name)) is not null))
        {
            return null;
        }

        if (scan.Entries.Count == 0 && scan.Rejected.Count == 0)
        {
            return $"{name}: is empty: not a Google Takeout export; nothing added";
        }

        var example = scan.Entries.Select(e => e.Path).Concat(scan.Rejected.Select(r => r.Member)).First();
        return $"{name}: not a Google Takeout export of Google Photos: no 'Takeout/Google Photos' folder in it ({scan.Entries.Count + scan.Rejected.Count:N0} file(s) such as '{example}'); nothing added";
    }

    /// <summary>
    /// Items identified by name and size ("f:", from extracted folders) whose size now turns up
    /// with a content identity are hashed through their own locator (when their folder is still
    /// there) and re-keyed by content, so the same bytes become one item and different bytes stay two.
    /// </summary>
    private void RekeyByContent(long sourceId, List<ItemRecord> records, KnownIdentities known, IReadOnlyList<TakeoutPartRecord> parts, IndexCounters counters)
    {
        var changes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var size in records.Where(r => r.SourceItemId.StartsWith("c:", StringComparison.Ordinal)).Select(r => KnownIdentities.SizeOf(r.SourceItemId)).OfType<long>().Distinct())
        {
            foreach (var (id, locatorText) in known.NameIdentified(size))
            {
                if (MemberLocator.TryParse(locatorText) is not { Method: MemberMethod.File } locator
                    || parts.FirstOrDefault(p => p.Id == locator.PartId) is not { } part || !Directory.Exists(part.Path))
                {
                    continue;
                }

                try
                {
                    var crc = PartReader.HashFile(part.Path, locator.ToEntry());
                    counters.AddHashed(size);
                    changes[id] = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"c:{crc:x8}:{size}");
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // Its file is gone: it keeps its name identity.
                }
            }
        }

        if (changes.Count > 0)
        {
            catalog.RekeySourceItems(sourceId, old => changes.GetValueOrDefault(old));
        }
    }

    /// <summary>Identities before content identity were "c:CRC:SIZE:NAME" and "f:SIZE:NAME": re-key them once so a new export merges with them.</summary>
    private void MigrateIdentities(long sourceId) =>
        catalog.RekeySourceItems(sourceId, old =>
        {
            var fields = old.Split(':', 4);
            return fields.Length == 4 && fields[0] == "c" ? $"c:{fields[1]}:{fields[2]}"
                : fields.Length >= 3 && fields[0] == "f" ? $"f:{fields[1]}:{ExportReader.BaseName(old[(fields[0].Length + fields[1].Length + 2)..])}"
                : null;
        });

    /// <summary>Exports sort by the timestamp in their name (Takeout's "20260101T000000Z"), else by name.</summary>
    private static string ExportOrderKey(string export) =>
        ExportStamp().Match(export) is { Success: true } stamp ? stamp.Value + "\0" + export : "0\0" + export;

    private static List<ItemRecord> Records(long sourceId, ExportContents contents)
    {
        // One record per identity: a copy with a sidecar, outside trash and albums, is the best source of metadata.
        var byIdentity = new Dictionary<string, List<TakeoutItem>>(StringComparer.Ordinal);
        foreach (var item in contents.Items)
        {
            if (!byIdentity.TryGetValue(item.Identity, out var copies))
            {
                byIdentity[item.Identity] = copies = [];
            }

            copies.Add(item);
        }

        var records = new List<ItemRecord>(byIdentity.Count);
        foreach (var (identity, copies) in byIdentity)
        {
            var best = copies.OrderBy(c => c.Sidecar is null).ThenBy(c => !c.InYearFolder).ThenBy(c => c.InTrashFolder).ThenBy(c => c.Entry.Path, StringComparer.Ordinal).First();
            var sidecar = best.Sidecar;
            var dated = copies.OrderBy(c => CaptureRank(c.CaptureTimeSource)).First();
            var located = copies.FirstOrDefault(c => c.Sidecar?.Latitude is not null)?.Sidecar is { } geo ? (geo.Latitude, geo.Longitude, geo.Altitude)
                : copies.FirstOrDefault(c => c.MediaFacts?.Latitude is not null)?.MediaFacts is { } facts ? (facts.Latitude, facts.Longitude, facts.Altitude)
                : ((double?)null, (double?)null, (double?)null);
            records.Add(new ItemRecord
            {
                SourceId = sourceId,
                SourceItemId = identity,
                Locator = MemberLocator.Of(best.PartId, best.Entry).ToString(),
                FileName = best.FileName,
                MimeType = Sidecars.TakeoutNames.MimeTypeOf(best.FileName),
                CaptureTime = dated.CaptureTime,
                CaptureTimeSource = dated.CaptureTimeSource,
                Size = best.Entry.Size,
                Latitude = located.Item1,
                Longitude = located.Item2,
                Altitude = located.Item3,
                Description = sidecar?.Description,
                IsFavorite = sidecar?.Favorited ?? false,
                IsArchived = sidecar?.Archived ?? false,
                IsTrashed = (sidecar?.Trashed ?? false) || copies.All(c => c.InTrashFolder),
            });
        }

        return records;
    }

    private HashSet<string> Store(long sourceId, ExportContents contents, List<ItemRecord> records, out int albumCount)
    {
        progress?.Report(new TakeoutProgress($"storing {records.Count:N0} items", 0, records.Count));
        var ids = catalog.UpsertItems(records);
        var idByIdentity = new Dictionary<string, long>(records.Count, StringComparer.Ordinal);
        for (var i = 0; i < records.Count; i++)
        {
            idByIdentity[records[i].SourceItemId] = ids[i];
        }

        var existingEntries = contents.Albums.Count == 0
            ? []
            : catalog.ReadTreeAlbumEntries().GroupBy(e => e.AlbumId).ToDictionary(g => g.Key, g => g.OrderBy(e => e.Position).Select(e => e.ItemId).ToList());
        foreach (var album in contents.Albums)
        {
            var albumId = catalog.UpsertAlbum(new AlbumRecord { SourceId = sourceId, SourceAlbumId = album.FolderName, Title = album.Title, Description = album.Description });
            // Albums merge across exports: this export's order first, then what earlier exports had.
            var members = album.ItemIdentities.Select(id => idByIdentity[id]).ToList();
            var seen = members.ToHashSet();
            // Earlier exports of this same run are not in the tree yet (paths are assigned at the end).
            foreach (var earlier in new[] { _albumsThisRun.GetValueOrDefault(albumId), existingEntries.GetValueOrDefault(albumId) })
            {
                members.AddRange((earlier ?? []).Where(seen.Add));
            }

            catalog.SetAlbumItems(albumId, members);
            _albumsThisRun[albumId] = members;
        }

        albumCount = contents.Albums.Count;
        return [.. records.Select(r => r.SourceItemId)];
    }

    private static int CaptureRank(string? source) => source switch
    {
        "sidecar" => 0,
        "exif" or "quicktime" => 1,
        "filename" => 2,
        "archive" => 3,
        _ => 4,
    };

    private static (long Length, long ModifiedTicks) Stat(string path, PartKind kind)
    {
        if (kind == PartKind.Folder)
        {
            return (0, Directory.GetLastWriteTimeUtc(path).Ticks);
        }

        var info = new FileInfo(path);
        return (info.Length, info.LastWriteTimeUtc.Ticks);
    }

    [GeneratedRegex(@"^(.*?)-\d{3}\.(?:zip|tgz|tar\.gz)$", RegexOptions.IgnoreCase)]
    private static partial Regex PartSuffix();

    [GeneratedRegex(@"\d{8}T\d{6}Z")]
    private static partial Regex ExportStamp();

    [GeneratedRegex(@"^takeout-(\d{8}T\d{6}Z)(?:-\d+)*(?:\.(?:zip|tgz|tar\.gz))?$", RegexOptions.IgnoreCase)]
    private static partial Regex TakeoutStamp();
}
