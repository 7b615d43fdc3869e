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
/// <param name="partStorages">Where parts live: local disks by default; a remote source (Drive) passes its own.</param>
/// <param name="sourceKind">The catalog source kind holding the parts ("takeout"; a remote source has its own kind).</param>
public sealed partial class TakeoutIndexer(LibraryCatalog catalog, string sourceName = TakeoutIndexer.DefaultSourceName, IProgress<TakeoutProgress>? progress = null, TimeProvider? timeProvider = null,
    IPartStorageResolver? partStorages = null, string sourceKind = SourceKinds.Takeout)
{
    public const string DefaultSourceName = "takeout";

    /// <summary>Records stored between looks at the heap (<see cref="HeapGrowthCollector"/>).</summary>
    private const int CheckHeapEveryRecords = 20_000;

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly IPartStorageResolver _storages = partStorages ?? LocalPartStorages.Instance;

    public IReadOnlyList<TakeoutPartRecord> ListParts() =>
        catalog.GetSources().FirstOrDefault(s => s.Kind == sourceKind && s.Name == sourceName) is { } source
            ? TakeoutSourceConfig.Parse(source.Config).Parts
            : [];

    /// <summary>Forgets a part (by id, path or file name). Its items stay in the catalog; reads of those only it holds fail until it is added again.</summary>
    public TakeoutPartRecord? Remove(string part)
    {
        var source = catalog.EnsureSource(sourceKind, sourceName, null);
        var config = TakeoutSourceConfig.Parse(source.Config);
        var full = _storages.Normalize(part);
        var match = config.Parts.FirstOrDefault(p => p.Id == part || p.Path == full || Path.GetFileName(p.Path) == part);
        if (match is null)
        {
            return null;
        }

        config.Parts.Remove(match);
        catalog.EnsureSource(sourceKind, sourceName, config.ToJson());
        return match;
    }

    /// <param name="dryRun">Read and match everything, write nothing: the result's <see cref="TakeoutAddResult.Preview"/> says what would be indexed.</param>
    public TakeoutAddResult Add(IReadOnlyList<string> paths, IndexCounters? counters = null, bool dryRun = false)
    {
        counters ??= new IndexCounters();
        var started = _time.GetUtcNow();
        var existing = catalog.GetSources().FirstOrDefault(s => s.Kind == sourceKind && s.Name == sourceName);
        // The source is created only once a part is recorded: refused input leaves the catalog as it was.
        var source = existing ?? new SourceRecord(-1, sourceKind, sourceName, null, started);
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
        var errors = new List<string>();
        var warnings = new List<string>();
        var changedExports = new HashSet<string>(StringComparer.Ordinal);
        int unchanged = 0, relinked = 0, added = 0;

        foreach (var given in paths)
        {
            var path = _storages.Normalize(given);
            using var storage = _storages.Open(path);
            var kind = PartReader.DetectKind(storage);
            if (kind is null)
            {
                refused.Add(storage.Exists()
                    ? $"{given}: not a Takeout part (.zip, .tgz or an extracted folder); nothing added"
                    : $"{given}: no such file or folder");
                continue;
            }

            var (length, modified, revision) = (kind == PartKind.Folder ? 0 : storage.Length, storage.ModifiedTicks, storage.Revision);
            var samePath = config.Parts.FirstOrDefault(p => p.Path == path);
            if (samePath is not null && kind != PartKind.Folder && samePath.Length == length && samePath.ModifiedTicks == modified && samePath.Revision == revision && samePath.LastError is null)
            {
                unchanged++;
                continue;
            }

            progress?.Report(new TakeoutProgress($"fingerprinting {storage.Name}", 0, 0));
            var fingerprint = PartFingerprint.Compute(storage, kind.Value);
            var sameContent = config.Parts.FirstOrDefault(p => p.Fingerprint == fingerprint);
            if (sameContent is not null && sameContent.LastError is null)
            {
                if (sameContent.Path != path || sameContent.ModifiedTicks != modified)
                {
                    config.Parts[config.Parts.IndexOf(sameContent)] = sameContent with { Path = path, Length = length, ModifiedTicks = modified, Revision = revision };
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
                Revision = revision,
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
                catalog.EnsureSource(sourceKind, sourceName, config.ToJson());
            }

            return result;
        }

        // Index the changed exports' parts (all of them: sidecars cross parts), oldest export first so the newest locators win.
        var toScan = config.Parts.Where(p => changedExports.Contains(p.Export) && Exists(p.Path)).ToList();
        var scans = new PartScan[toScan.Count];
        var scanned = 0;
        var heap = new HeapGrowthCollector();
        Parallel.For(0, toScan.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            using var storage = _storages.Open(toScan[i].Path);
            scans[i] = PartReader.Scan(storage, toScan[i].Id, toScan[i].Kind, counters);
            var members = scans[i].Entries.Count;
            scans[i].DropSidecarEntries();
            // Reading sidecars leaves their bytes and parse trees behind: collected before that garbage outgrows what the scans hold.
            heap.CollectIfGrown();

            var n = Interlocked.Increment(ref scanned);
            progress?.Report(new TakeoutProgress($"read {Path.GetFileName(toScan[i].Path)} ({members:N0} members)", n, toScan.Count));
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
                catalog.EnsureSource(sourceKind, sourceName, config.ToJson());
            }

            return result with { PartsAdded = 0, PartErrors = errors, Refused = refused };
        }

        if (!dryRun && existing is null)
        {
            source = catalog.EnsureSource(sourceKind, sourceName, null);
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

        heap.Collect(); // what reading the parts' directories and sidecars left behind
        var newestExport = config.Parts.Select(p => p.Export).Distinct().OrderBy(ExportOrderKey, StringComparer.Ordinal).Last();
        int mediaEntries = 0, items = 0, albums = 0, newlyMissing = 0;
        foreach (var export in changedExports.OrderBy(ExportOrderKey, StringComparer.Ordinal))
        {
            var exportScans = scans.Where(s => config.Parts.First(p => p.Id == s.PartId).Export == export).ToList();
            progress?.Report(new TakeoutProgress($"matching sidecars of {export}", 0, 0));
            // The albums earlier exports made (stored by earlier adds, or earlier in this one): a folder
            // of this export whose metadata a damaged part took is still that album.
            var knownAlbums = catalog.ReadAlbumMembers(source.Id);
            var knownAlbumFolders = knownAlbums.Keys.Concat(previewAlbums?.Select(a => a.FolderName) ?? []).ToHashSet(StringComparer.Ordinal);
            var contents = ExportReader.Read(exportScans, (scan, entry) => ReadFacts(scan, entry, counters), counters,
                (scan, entry) => PartReader.HashFile(scan.Path, entry), known, knownAlbumFolders, heap);
            warnings.AddRange(contents.Warnings);
            rejected.AddRange(contents.Rejected);
            mediaEntries += contents.Items.Count;
            // From here on the items carry what is needed of the parts' members and sidecars, and then
            // the records carry what the catalog needs of the items: each goes as soon as it is used
            // (at a million items they are most of the run's memory), and is collected at once,
            // since the run's peak is whatever the heap holds when the GC next collects in full.
            foreach (var scan in exportScans)
            {
                scan.Release();
            }

            TakeoutItem?[] exportItems = [.. contents.Items];
            var mediaByPart = exportItems.CountBy(i => i!.PartId).ToDictionary(StringComparer.Ordinal);
            contents = contents with { Items = [] };
            heap.Collect();
            var copies = IdentityCopies.Of(exportItems);
            var records = Records(source.Id, exportItems, copies);
            if (dryRun)
            {
                preview!.AddRange(records.Select(r => new TakeoutPreviewItem(r.FileName, r.CaptureTime, r.CaptureTimeSource, r.Size ?? 0, r.IsTrashed, r.SourceItemId)));
                previewAlbums!.AddRange(contents.Albums.Select(a => a.KnownFromEarlierExport && knownAlbums.GetValueOrDefault(a.FolderName) is { } stored ? a with { Title = stored.Title } : a));
                items += copies.Firsts.Count;
                albums += contents.Albums.Count;
                continue;
            }

            if (known is not null)
            {
                RekeyByContent(source.Id, copies.Firsts.Select(i => exportItems[i]!.Identity), known, config.Parts, counters);
            }

            var unconfirmed = config.UnconfirmedAlbumFolders ?? [];
            var idByIdentity = Store(source.Id, contents, records, heap, copies.Firsts.Count, knownAlbums, unconfirmed, out var albumCount);
            // A damaged export's folders without album metadata may be albums whose metadata the damage
            // took: kept until another export says so (or this one is read again whole).
            unconfirmed.RemoveAll(u => u.Export == export);
            if (exportScans.Any(s => s.Error is not null))
            {
                unconfirmed.AddRange(contents.FoldersWithoutAlbumMetadata.Select(f => new UnconfirmedAlbumFolder
                {
                    Export = export,
                    Folder = f.Key,
                    ItemIds = f.Value.Select(identity => idByIdentity[identity]).Distinct().ToList(),
                }));
            }

            config = config with { UnconfirmedAlbumFolders = unconfirmed.Count > 0 ? unconfirmed : null };
            if (changedExports.Count > 1)
            {
                known = new KnownIdentities(catalog.ReadSourceItemKeys(source.Id));
            }
            items += idByIdentity.Count;
            albums += albumCount;
            foreach (var scan in exportScans)
            {
                var part = config.Parts.First(p => p.Id == scan.PartId);
                config.Parts[config.Parts.IndexOf(part)] = part with { MediaCount = mediaByPart.GetValueOrDefault(scan.PartId) };
            }

            // Only a complete listing of the newest export may say what is gone.
            if (export == newestExport && exportScans.All(s => s.Error is null))
            {
                newlyMissing = catalog.MarkMissing(source.Id, idByIdentity.Keys).NewlyMissing;
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
        heap.Collect(); // the stored records: path assignment reads every new item again
        catalog.AssignPaths();
        catalog.EnsureSource(sourceKind, sourceName, config.ToJson());
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

    private bool Exists(string location)
    {
        using var storage = _storages.Open(location);
        return storage.Exists();
    }

    private MediaFacts? ReadFacts(PartScan scan, ArchiveEntry entry, IndexCounters counters)
    {
        using var storage = _storages.Open(scan.Path);
        return PartReader.ReadFacts(storage, scan.Kind, entry, counters);
    }

    /// <summary>Why a newly given part is not a Takeout export of Google Photos (refused, nothing recorded); null when it is.</summary>
    private string? NotTakeout(TakeoutPartRecord part, PartScan scan)
    {
        var name = Path.GetFileName(part.Path);
        if (scan.Error is not null && scan.Entries.Count == 0 && scan.Sidecars.Count == 0)
        {
            // A Takeout part cut short before its directory is still a part of the export (damaged,
            // shown until replaced); a file that does not even start like one is refused.
            using var storage = _storages.Open(part.Path);
            return PartReader.StartsLikeTakeout(storage, part.Kind) ? null : $"{scan.Error}; nothing added";
        }

        // The scan's sidecars are in Sidecars only (PartScan.DropSidecarEntries).
        var bare = scan.Kind == PartKind.Folder && Sidecars.TakeoutNames.IsPhotosTop(name);
        if (scan.Error is not null || scan.Entries.Select(e => e.Path).Concat(scan.Sidecars.Keys).Any(p => ExportReader.PhotosRelative(p, bare) is not null))
        {
            return null;
        }

        if (scan.Entries.Count == 0 && scan.Sidecars.Count == 0 && scan.Rejected.Count == 0)
        {
            return $"{name}: is empty: not a Google Takeout export; nothing added";
        }

        var example = scan.Entries.Select(e => e.Path).Concat(scan.Sidecars.Keys).Concat(scan.Rejected.Select(r => r.Member)).First();
        return $"{name}: not a Google Takeout export of Google Photos: no 'Takeout/Google Photos' folder in it ({scan.Entries.Count + scan.Sidecars.Count + scan.Rejected.Count:N0} file(s) such as '{example}'); nothing added";
    }

    /// <summary>
    /// Items identified by name and size ("f:", from extracted folders) whose size now turns up
    /// with a content identity are hashed through their own locator (when their folder is still
    /// there) and re-keyed by content, so the same bytes become one item and different bytes stay two.
    /// </summary>
    /// <param name="identities">The identities of the export's items.</param>
    private void RekeyByContent(long sourceId, IEnumerable<string> identities, KnownIdentities known, IReadOnlyList<TakeoutPartRecord> parts, IndexCounters counters)
    {
        var changes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var size in identities.Where(id => id.StartsWith("c:", StringComparison.Ordinal)).Select(KnownIdentities.SizeOf).OfType<long>().Distinct())
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

    /// <summary>
    /// One record per identity, in the order the identities were first met (the catalog's ids follow
    /// it), built as they are stored: each identity's items are let go once its record is built, so
    /// the export's items and its records are never all held at once.
    /// </summary>
    private static IEnumerable<ItemRecord> Records(long sourceId, TakeoutItem?[] items, IdentityCopies identityCopies)
    {
        var copies = new List<TakeoutItem>();
        foreach (var first in identityCopies.Firsts)
        {
            copies.Clear();
            for (var i = first; i >= 0; i = identityCopies.Next[i])
            {
                copies.Add(items[i]!);
                items[i] = null;
            }

            yield return RecordOf(sourceId, copies);
        }
    }

    /// <summary>An identity's record from its copies (in item order): a copy with a sidecar, outside trash and albums, is the best source of metadata.</summary>
    private static ItemRecord RecordOf(long sourceId, List<TakeoutItem> copies)
    {
        var best = copies.OrderBy(c => c.Sidecar is null).ThenBy(c => !c.InYearFolder).ThenBy(c => c.InTrashFolder).ThenBy(c => c.Entry.Path, StringComparer.Ordinal).First();
        var sidecar = best.Sidecar;
        var dated = copies.OrderBy(c => CaptureRank(c.CaptureTimeSource)).First();
        var located = copies.FirstOrDefault(c => c.Sidecar?.Latitude is not null)?.Sidecar is { } geo ? (geo.Latitude, geo.Longitude, geo.Altitude)
            : copies.FirstOrDefault(c => c.MediaFacts?.Latitude is not null)?.MediaFacts is { } facts ? (facts.Latitude, facts.Longitude, facts.Altitude)
            : ((double?)null, (double?)null, (double?)null);
        var fileName = best.FileName;
        return new ItemRecord
        {
            SourceId = sourceId,
            SourceItemId = copies[0].Identity,
            Locator = MemberLocator.Of(best.PartId, best.Entry).ToString(),
            FileName = fileName,
            MimeType = Sidecars.TakeoutNames.MimeTypeOf(fileName),
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
        };
    }

    /// <summary>Stores the export's items and albums; returns the catalog id of each identity.</summary>
    /// <param name="knownAlbums">The source's albums before this export, by folder, with their members (named or not yet).</param>
    /// <param name="unconfirmed">Folders of damaged exports that may be albums: those this export's albums confirm join them and are removed.</param>
    /// <param name="records">The export's records, built as they are stored (<see cref="Records"/>).</param>
    /// <param name="count">How many records there are.</param>
    /// <param name="heap">Looked at as records are stored: the items whose records are stored are garbage in the oldest generation.</param>
    private Dictionary<string, long> Store(long sourceId, ExportContents contents, IEnumerable<ItemRecord> records, HeapGrowthCollector heap, int count, IReadOnlyDictionary<string, AlbumMembers> knownAlbums,
        List<UnconfirmedAlbumFolder> unconfirmed, out int albumCount)
    {
        progress?.Report(new TakeoutProgress($"storing {count:N0} items", 0, count));
        var idByIdentity = new Dictionary<string, long>(count, StringComparer.Ordinal);
        // One transaction for the export's items, as they are built: a reader (the mounted daemon polls
        // the catalog) sees all of them or none, and a killed add leaves none; a million records are
        // never held at once (SQLite spills the transaction's pages to the WAL, not to memory).
        catalog.UpsertItems(records, (record, id) =>
        {
            idByIdentity[record.SourceItemId] = id;
            if (idByIdentity.Count % CheckHeapEveryRecords == 0)
            {
                heap.CollectIfGrown();
            }
        });

        foreach (var album in contents.Albums)
        {
            var earlier = knownAlbums.GetValueOrDefault(album.FolderName);
            // Without its metadata in this export the album keeps the title and description it has.
            var albumId = album.KnownFromEarlierExport && earlier is not null
                ? earlier.AlbumId
                : catalog.UpsertAlbum(new AlbumRecord { SourceId = sourceId, SourceAlbumId = album.FolderName, Title = album.Title, Description = album.Description });
            // Albums merge across exports: this export's order first, then what earlier exports had
            // (all of it, named or not: earlier exports of this same add are not named until its end).
            var members = album.ItemIdentities.Select(id => idByIdentity[id]).ToList();
            var seen = members.ToHashSet();
            members.AddRange((earlier?.ItemIds ?? []).Where(seen.Add));
            // A damaged export's copy of the folder, read before any metadata said it is an album.
            members.AddRange(unconfirmed.Where(u => u.Folder == album.FolderName).SelectMany(u => u.ItemIds).Where(seen.Add));
            unconfirmed.RemoveAll(u => u.Folder == album.FolderName);
            catalog.SetAlbumItems(albumId, members);
        }

        albumCount = contents.Albums.Count;
        return idByIdentity;
    }

    private static int CaptureRank(string? source) => source switch
    {
        "sidecar" => 0,
        "exif" or "quicktime" => 1,
        "filename" => 2,
        "archive" => 3,
        _ => 4,
    };

    [GeneratedRegex(@"^(.*?)-\d{3}\.(?:zip|tgz|tar\.gz)$", RegexOptions.IgnoreCase)]
    private static partial Regex PartSuffix();

    [GeneratedRegex(@"\d{8}T\d{6}Z")]
    private static partial Regex ExportStamp();

    [GeneratedRegex(@"^takeout-(\d{8}T\d{6}Z)(?:-\d+)*(?:\.(?:zip|tgz|tar\.gz))?$", RegexOptions.IgnoreCase)]
    private static partial Regex TakeoutStamp();
}
