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
    public const string Kind = "takeout";
    public const string DefaultSourceName = "takeout";

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public IReadOnlyList<TakeoutPartRecord> ListParts() =>
        catalog.GetSources().FirstOrDefault(s => s.Kind == Kind && s.Name == sourceName) is { } source
            ? TakeoutSourceConfig.Parse(source.Config).Parts
            : [];

    /// <summary>Forgets a part (by id, path or file name). Its items stay in the catalog; reads of those only it holds fail until it is added again.</summary>
    public TakeoutPartRecord? Remove(string part)
    {
        var source = catalog.EnsureSource(Kind, sourceName, null);
        var config = TakeoutSourceConfig.Parse(source.Config);
        var full = Path.GetFullPath(part);
        var match = config.Parts.FirstOrDefault(p => p.Id == part || p.Path == full || Path.GetFileName(p.Path) == part);
        if (match is null)
        {
            return null;
        }

        config.Parts.Remove(match);
        catalog.EnsureSource(Kind, sourceName, config.ToJson());
        return match;
    }

    public TakeoutAddResult Add(IReadOnlyList<string> paths, IndexCounters? counters = null)
    {
        counters ??= new IndexCounters();
        var started = _time.GetUtcNow();
        var source = catalog.EnsureSource(Kind, sourceName, null);
        var config = TakeoutSourceConfig.Parse(source.Config);
        var errors = new List<string>();
        var warnings = new List<string>();
        var changedExports = new HashSet<string>(StringComparer.Ordinal);
        int unchanged = 0, relinked = 0, added = 0;
        var configChanged = false;

        foreach (var given in paths)
        {
            var path = Path.GetFullPath(Path.TrimEndingDirectorySeparator(given));
            var kind = PartReader.DetectKind(path);
            if (kind is null)
            {
                errors.Add(File.Exists(path) || Directory.Exists(path)
                    ? $"{given}: not a Takeout part (.zip, .tgz or an extracted folder)"
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
                AddedAt = _time.GetUtcNow(),
            };
            config.Parts.Add(record);
            changedExports.Add(record.Export);
            added++;
            configChanged = true;
        }

        var result = new TakeoutAddResult { PartsUnchanged = unchanged, PartsRelinked = relinked, PartErrors = errors };
        if (changedExports.Count == 0)
        {
            if (configChanged)
            {
                catalog.EnsureSource(Kind, sourceName, config.ToJson());
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

        foreach (var (part, scan) in toScan.Zip(scans))
        {
            if (scan.Error is not null)
            {
                errors.Add(scan.Error);
            }

            config.Parts[config.Parts.IndexOf(part)] = part with { LastError = scan.Error };
        }

        var newestExport = config.Parts.Select(p => p.Export).Distinct().OrderBy(ExportOrderKey, StringComparer.Ordinal).Last();
        int mediaEntries = 0, items = 0, albums = 0, newlyMissing = 0;
        foreach (var export in changedExports.OrderBy(ExportOrderKey, StringComparer.Ordinal))
        {
            var exportScans = scans.Where(s => config.Parts.First(p => p.Id == s.PartId).Export == export).ToList();
            progress?.Report(new TakeoutProgress($"matching sidecars of {export}", 0, 0));
            var contents = ExportReader.Read(exportScans, ReadHead, counters);
            warnings.AddRange(contents.Warnings);
            mediaEntries += contents.Items.Count;
            var identities = Store(source.Id, contents, out var albumCount);
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

        progress?.Report(new TakeoutProgress("assigning paths", 0, 0));
        catalog.AssignPaths();
        catalog.EnsureSource(Kind, sourceName, config.ToJson());
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
            Warnings = warnings,
            MediaEntries = mediaEntries,
            Items = items,
            Albums = albums,
            NewlyMissing = newlyMissing,
            MediaHeadBytes = counters.MediaHeadBytes,
            MediaHeads = counters.MediaHeads,
        };
    }

    /// <summary>"takeout-20260101T000000Z-003.zip" → "takeout-20260101T000000Z"; a folder is its own export.</summary>
    public static string ExportNameOf(string path)
    {
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(path));
        var match = PartSuffix().Match(name);
        return match.Success ? match.Groups[1].Value : name;
    }

    /// <summary>Exports sort by the timestamp in their name (Takeout's "20260101T000000Z"), else by name.</summary>
    private static string ExportOrderKey(string export) =>
        ExportStamp().Match(export) is { Success: true } stamp ? stamp.Value + "\0" + export : "0\0" + export;

    private HashSet<string> Store(long sourceId, ExportContents contents, out int albumCount)
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
            var best = copies.OrderBy(c => c.Sidecar is null).ThenBy(c => !c.InYearFolder).ThenBy(c => c.InTrashFolder).First();
            var sidecar = best.Sidecar;
            var dated = copies.OrderBy(c => CaptureRank(c.CaptureTimeSource)).First();
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
                Latitude = sidecar?.Latitude,
                Longitude = sidecar?.Longitude,
                Altitude = sidecar?.Altitude,
                Description = sidecar?.Description,
                IsFavorite = sidecar?.Favorited ?? false,
                IsArchived = sidecar?.Archived ?? false,
                IsTrashed = (sidecar?.Trashed ?? false) || copies.All(c => c.InTrashFolder),
            });
        }

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
            if (existingEntries.TryGetValue(albumId, out var earlier))
            {
                members.AddRange(earlier.Where(id => !members.Contains(id)));
            }

            catalog.SetAlbumItems(albumId, members);
        }

        albumCount = contents.Albums.Count;
        return [.. byIdentity.Keys];
    }

    private static int CaptureRank(string? source) => source switch
    {
        "sidecar" => 0,
        "exif" => 1,
        "filename" => 2,
        "archive" => 3,
        _ => 4,
    };

    private static byte[] ReadHead(PartScan scan, ArchiveEntry entry) => PartReader.ReadHead(scan.Path, scan.Kind, entry, ExifDates.HeadBytes);

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
}
