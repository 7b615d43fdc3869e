using System.Globalization;
using System.Text;
using GPhotosFs.SampleMedia;

namespace GPhotosFs.TakeoutDifferential;

/// <summary>A generated library and the exports of it that will be written.</summary>
public sealed class Scenario
{
    public required int Seed { get; init; }

    public required IReadOnlySet<ScenarioFeature> Features { get; init; }

    public List<LibraryItem> Items { get; } = [];

    public List<LibraryAlbum> Albums { get; } = [];

    public List<ExportPlan> Exports { get; } = [];

    /// <summary>Media-looking members with hostile paths or symlinks: they must never be shown.</summary>
    public List<LibraryItem> Hostile { get; } = [];

    /// <summary>Add every part in one <c>takeout add</c>, or one add per export, oldest first.</summary>
    public bool AddAllAtOnce { get; set; }

    public override string ToString() =>
        $"seed {Seed}: {Items.Count} items, {Albums.Count} albums; {string.Join("; ", Exports)}; {(AddAllAtOnce ? "one add" : "one add per export")}";
}

/// <summary>
/// Draws a random library from a seed (System.Random's seeded sequence is fixed across runtimes)
/// and plans its exports: folders, Takeout's counters and sidecar names, part split. It decides
/// everything the oracle needs; nothing here asks the product.
/// </summary>
public static class ScenarioGenerator
{
    private static readonly string[] Words = ["beach", "garden", "Oma", "party", "snow", "hike", "lake", "market", "Kölner Dom", "sunset", "dog", "cake", "bridge", "museum", "train"];
    private static readonly string[] AlbumTitles = ["Summer 2019", "Paris 2023", "Hochzeit Anna & Ben", "Été à Lyon", "Birthday", "Road trip", "東京", "Best of", "Kids", "Weihnachten 2021"];
    private static readonly TimeSpan[] ExifOffsets = [TimeSpan.FromHours(-8), TimeSpan.FromHours(-5), TimeSpan.Zero, TimeSpan.FromHours(1), TimeSpan.FromHours(2), new(5, 30, 0), TimeSpan.FromHours(9)];

    public static Scenario Generate(int seed, IReadOnlySet<ScenarioFeature> features, int minItems = 5, int maxItems = 40)
    {
        var rng = new Random(seed);
        bool On(ScenarioFeature f) => features.Contains(f);
        bool Chance(ScenarioFeature f, double p) => On(f) && rng.NextDouble() < p;

        var scenario = new Scenario { Seed = seed, Features = features };
        var count = rng.Next(minItems, maxItems + 1);
        var usedNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        if (On(ScenarioFeature.Albums))
        {
            foreach (var title in AlbumTitles.OrderBy(_ => rng.Next()).Take(rng.Next(0, 4)))
            {
                scenario.Albums.Add(new LibraryAlbum { Title = title });
            }
        }

        var nextId = 1;
        while (scenario.Items.Count < count)
        {
            var id = nextId++;
            var item = NewItem(rng, id, features, usedNames, scenario);
            scenario.Items.Add(item);

            // Equal name, different bytes of the same size: a second camera's copy of the same shot.
            if (item.Kind == MediaKind.Photo && item.ExifTime is { } exif && !item.Title.Contains('\t') && !item.Title.Contains('\n')
                && item.EditedOf is null && item.MemberName == item.Title && item.Title.Length <= 20 && Chance(ScenarioFeature.EqualNameSameSize, 0.12))
            {
                var twin = Twin(rng, nextId++, item, exif, features);
                if (twin is not null)
                {
                    scenario.Items.Add(twin);
                }
            }

            // An edited copy: no sidecar of its own, shares the original's.
            if (item.Kind == MediaKind.Photo && item.HasSidecar && item.InYearFolder && !item.Trashed && item.MemberName == item.Title
                && item.Title.Length <= 30 && !item.Tags.Contains("equal-name") && !item.Tags.Contains("same-title") && Chance(ScenarioFeature.EditedCopies, 0.15))
            {
                scenario.Items.Add(Edited(rng, nextId++, item));
            }
        }

        // Repeated exports: some items only in the first (deleted since), some only in the second (new).
        var exportCount = Chance(ScenarioFeature.RepeatedExports, 0.4) ? 2 : 1;
        if (exportCount == 2)
        {
            foreach (var item in scenario.Items.Where(i => i.EditedOf is null))
            {
                var roll = rng.NextDouble();
                item.OnlyInExport = roll < 0.1 ? 1 : roll < 0.2 ? 2 : 0;
            }

            foreach (var edited in scenario.Items.Where(i => i.EditedOf is not null))
            {
                edited.OnlyInExport = edited.EditedOf!.OnlyInExport;
            }
        }

        var formats = new List<PartFormat>();
        if (On(ScenarioFeature.Zip)) formats.Add(PartFormat.Zip);
        if (On(ScenarioFeature.Tgz)) formats.Add(PartFormat.Tgz);
        if (On(ScenarioFeature.ExtractedFolders)) formats.Add(PartFormat.Folder);
        if (formats.Count == 0) throw new ArgumentException("enable at least one of Zip, Tgz, ExtractedFolders", nameof(features));

        var firstTime = new DateTimeOffset(2026, rng.Next(1, 7), rng.Next(5, 23), rng.Next(0, 24), rng.Next(0, 60), rng.Next(0, 60), TimeSpan.Zero);
        var firstStyle = On(ScenarioFeature.SupplementalMetadata) && rng.Next(2) == 0 ? SidecarStyle.Supplemental : SidecarStyle.Classic;
        var language = On(ScenarioFeature.LocalizedNames) ? TakeoutLanguage.All[rng.Next(TakeoutLanguage.All.Length)] : TakeoutLanguage.English;
        for (var e = 1; e <= exportCount; e++)
        {
            var style = e == 1 ? firstStyle : On(ScenarioFeature.SupplementalMetadata) ? SidecarStyle.Supplemental : SidecarStyle.Classic;
            var plan = new ExportPlan
            {
                Index = e,
                Time = firstTime.AddMonths(2 * (e - 1)).AddHours(rng.Next(0, 48)),
                Format = formats[rng.Next(formats.Count)],
                PartCount = On(ScenarioFeature.MultiPart) && rng.NextDouble() < 0.6 ? rng.Next(2, 5) : 1,
                Language = On(ScenarioFeature.LocalizedNames) && rng.NextDouble() < 0.3 ? TakeoutLanguage.All[rng.Next(TakeoutLanguage.All.Length)] : language,
                Style = style,
                WrapAlbumData = rng.Next(3) == 0,
            };
            PlanMembers(rng, scenario, plan, features);
            if (plan.Format != PartFormat.Folder && Chance(ScenarioFeature.HostileMembers, 0.3))
            {
                PlanHostile(rng, scenario, plan);
            }
            scenario.Exports.Add(plan);
        }

        PlanDamage(rng, scenario, features);
        scenario.AddAllAtOnce = rng.Next(2) == 0;
        return scenario;
    }

    private static LibraryItem NewItem(Random rng, int id, IReadOnlySet<ScenarioFeature> features, HashSet<string> usedNames, Scenario scenario)
    {
        bool On(ScenarioFeature f) => features.Contains(f);
        bool Chance(ScenarioFeature f, double p) => On(f) && rng.NextDouble() < p;
        var tags = new List<string>();

        var isVideo = rng.NextDouble() < 0.15;
        var hasSidecar = true;
        if (isVideo && Chance(ScenarioFeature.VideosWithoutSidecar, 0.5))
        {
            hasSidecar = false;
            tags.Add("video-no-sidecar");
        }
        else if (!isVideo && Chance(ScenarioFeature.PhotosWithoutSidecar, 0.15))
        {
            hasSidecar = false;
            tags.Add("photo-no-sidecar");
        }

        // Capture facts: the sidecar time, a (usually different) EXIF time, a name date.
        long? taken = RandomTime(rng, 1995, 2025).ToUnixTimeSeconds();
        if (Chance(ScenarioFeature.Pre1970, 0.1))
        {
            taken = RandomTime(rng, 1930, 1969).ToUnixTimeSeconds();
            tags.Add("pre-1970");
        }

        DateTimeOffset? exifTime = isVideo ? null : RandomTime(rng, 1995, 2025).ToOffset(ExifOffsets[rng.Next(ExifOffsets.Length)]);
        if (!isVideo && Chance(ScenarioFeature.Pre1970, 0.05))
        {
            exifTime = RandomTime(rng, 1950, 1969).ToOffset(ExifOffsets[rng.Next(ExifOffsets.Length)]);
            tags.Add("pre-1970-exif");
        }

        if (Chance(ScenarioFeature.UndatedItems, 0.15))
        {
            taken = null;
            if (!isVideo)
            {
                exifTime = null;
            }

            tags.Add("undated");
        }
        else if (!isVideo && rng.NextDouble() < 0.1)
        {
            exifTime = null;
            tags.Add("no-exif");
        }

        DateTimeOffset? mvhd = isVideo ? RandomTime(rng, 1995, 2035) : null;
        if (!hasSidecar)
        {
            taken = null;
        }

        // GPS: the sidecar's geoDataExif and the EXIF block agree, as on a real export.
        GpsLocation? gps = rng.NextDouble() < 0.4 ? new GpsLocation(Math.Round(rng.NextDouble() * 120 - 60, 6), Math.Round(rng.NextDouble() * 340 - 170, 6)) : null;
        // A photo without an EXIF block has no EXIF GPS either.
        GpsLocation? exifGps = isVideo || exifTime is null ? null : gps;
        if (isVideo && !hasSidecar)
        {
            gps = null;
        }

        if (!hasSidecar && exifGps is not null)
        {
            tags.Add("exif-gps");
        }

        // The name.
        DateTimeOffset? nameDate = null;
        string title;
        var extensionless = false;
        var ext = isVideo ? (rng.Next(2) == 0 ? ".mp4" : ".MOV") : (rng.Next(3) == 0 ? ".JPG" : ".jpg");
        var roll = rng.NextDouble();
        do
        {
            if (roll < 0.25)
            {
                var d = RandomTime(rng, 1995, 2035);
                nameDate = new DateTimeOffset(d.Year, d.Month, rng.Next(10, 21), d.Hour, d.Minute, d.Second, TimeSpan.Zero);
                title = isVideo
                    ? $"VID_{nameDate:yyyyMMdd_HHmmss}{ext}"
                    : rng.Next(2) == 0 ? $"IMG_{nameDate:yyyyMMdd_HHmmss}{ext}" : $"PXL_{nameDate:yyyyMMdd_HHmmss}{rng.Next(100, 1000)}{ext}";
                tags.Add("date-in-name");
            }
            else if (roll < 0.35 && On(ScenarioFeature.LongNames))
            {
                // 24..70 characters: the classic 51-character cut and every supplemental cut.
                var target = rng.Next(24, 71);
                var sb = new StringBuilder($"{Words[rng.Next(Words.Length)]} {rng.Next(1000, 10000)} ");
                while (sb.Length < target - ext.Length)
                {
                    sb.Append((char)('a' + rng.Next(26)));
                }

                title = sb.ToString(0, Math.Max(target - ext.Length, 8)) + ext;
                tags.Add($"long-name-{title.Length}");
            }
            else if (roll < 0.42 && !isVideo && On(ScenarioFeature.ExtensionlessTitles))
            {
                title = $"scan{rng.Next(1000, 10000)}";
                extensionless = true;
                tags.Add("extensionless");
            }
            else if (roll < 0.5 && On(ScenarioFeature.UnsafeNames))
            {
                title = rng.Next(2) == 0 ? $"{Words[rng.Next(Words.Length)]}\tnight {rng.Next(100)}{ext}" : $"first line\n{Words[rng.Next(Words.Length)]} {rng.Next(100)}{ext}";
                tags.Add("unsafe-name");
            }
            else if (roll < 0.58)
            {
                title = rng.Next(2) == 0 ? $"Été {Words[rng.Next(Words.Length)]} {rng.Next(100)}{ext}" : $"東京 {rng.Next(100)}{ext}";
            }
            else
            {
                title = rng.Next(2) == 0 ? $"IMG_{rng.Next(1000, 10000)}{ext}" : $"DSC{rng.Next(10000, 100000)}{ext}";
            }

            roll = rng.NextDouble() * 0.6 + 0.4;
        }
        while (!usedNames.Add(title));

        // Equal titles in one folder: Takeout's (n) counters.
        int? forcedYear = null;
        if (!extensionless && title.Length <= 20 && !title.Contains('\t') && !title.Contains('\n') && Chance(ScenarioFeature.DuplicateCounters, 0.15))
        {
            var other = scenario.Items.FirstOrDefault(i => i.EditedOf is null && i.MemberName == i.Title && i.Title.Length <= 20 && !i.Tags.Contains("unsafe-name")
                && i.Kind == (isVideo ? MediaKind.Video : MediaKind.Photo) && !i.Trashed && i.InYearFolder && !scenario.Items.Any(e => e.EditedOf == i));
            if (other is not null)
            {
                title = other.Title;
                nameDate = other.NameDate;
                forcedYear = other.YearFolder;
                tags.Add("same-title");
                other.Tags.Add("same-title");
            }
        }

        var trashed = hasSidecar && Chance(ScenarioFeature.Trash, 0.08);
        var archived = hasSidecar && !trashed && Chance(ScenarioFeature.ArchiveFolder, 0.08);
        var inYear = !trashed && !(archived && rng.Next(2) == 0);
        if (trashed) tags.Add("trashed");
        if (archived) tags.Add(inYear ? "archived" : "archived-only");

        byte[] bytes;
        if (isVideo)
        {
            bytes = SampleMediaFactory.CreateVideo(new VideoSpec { Width = 16, Height = 16, FrameCount = 2, Seed = id * 7919 + 1, CreationTime = mvhd!.Value });
        }
        else
        {
            bytes = SampleMediaFactory.CreatePhoto(new PhotoSpec { Width = 24, Height = 16, Seed = id * 7919 + 1, CaptureTime = exifTime ?? DateTimeOffset.UnixEpoch, Gps = exifGps, CameraModel = "Camera A" });
            if (exifTime is null)
            {
                bytes = JpegSegments.WithoutApp1(bytes);
            }
        }

        var yearOf = forcedYear ?? (taken is { } t ? DateTimeOffset.FromUnixTimeSeconds(t).Year : exifTime?.Year ?? mvhd?.Year ?? rng.Next(2000, 2025));
        var item = new LibraryItem
        {
            Id = id,
            Title = title,
            MemberName = extensionless ? title + ".jpg" : title,
            Kind = isVideo ? MediaKind.Video : MediaKind.Photo,
            Bytes = bytes,
            HasSidecar = hasSidecar,
            PhotoTakenTime = taken,
            ExifTime = exifTime,
            ExifGps = exifGps,
            MvhdTime = mvhd,
            NameDate = nameDate,
            GeoData = hasSidecar ? gps : null,
            GeoDataExif = hasSidecar && rng.Next(3) > 0 ? gps : null,
            Trashed = trashed,
            Archived = archived,
            InYearFolder = inYear,
            YearFolder = Math.Max(yearOf, 1900),
        };
        item.Tags.AddRange(tags);
        if (!trashed)
        {
            foreach (var album in scenario.Albums.Where(_ => rng.NextDouble() < 0.25))
            {
                item.Albums.Add(album);
            }
        }

        if (item.Albums.Count > 0 && item.InYearFolder && hasSidecar && !archived && Chance(ScenarioFeature.AlbumOnlyItems, 0.3))
        {
            item = new LibraryItem
            {
                Id = item.Id, Title = item.Title, MemberName = item.MemberName, Kind = item.Kind, Bytes = item.Bytes, HasSidecar = item.HasSidecar,
                PhotoTakenTime = item.PhotoTakenTime, ExifTime = item.ExifTime, ExifGps = item.ExifGps, MvhdTime = item.MvhdTime, NameDate = item.NameDate,
                GeoData = item.GeoData, GeoDataExif = item.GeoDataExif, YearFolder = item.YearFolder, InYearFolder = false,
            };
            item.Albums.AddRange(scenario.Albums.Where(a => rng.NextDouble() < 0.5).DefaultIfEmpty(scenario.Albums[0]));
            item.Tags.AddRange(tags);
            item.Tags.Add("album-only");
        }

        if (item.Albums.Count > 0) item.Tags.Add("in-album");
        return item;
    }

    /// <summary>The same shot from a second camera: same title, same size, other bytes (only the model string differs), another year.</summary>
    private static LibraryItem? Twin(Random rng, int id, LibraryItem item, DateTimeOffset exifTime, IReadOnlySet<ScenarioFeature> features)
    {
        var bytes = SampleMediaFactory.CreatePhoto(new PhotoSpec { Width = 24, Height = 16, Seed = (item.Id * 7919) + 1, CaptureTime = exifTime, Gps = item.ExifGps, CameraModel = "Camera B" });
        if (bytes.Length != item.Bytes.Length || bytes.AsSpan().SequenceEqual(item.Bytes))
        {
            return null;
        }

        var taken = RandomTime(rng, 1995, 2025);
        var sameFolder = features.Contains(ScenarioFeature.DuplicateCounters) && rng.Next(2) == 0;
        var year = sameFolder ? item.YearFolder : (item.YearFolder == taken.Year ? taken.Year + 1 : taken.Year);
        taken = sameFolder ? taken : new DateTimeOffset(year, taken.Month, taken.Day, 12, 0, 0, TimeSpan.Zero);
        var twin = new LibraryItem
        {
            Id = id,
            Title = item.Title,
            MemberName = item.MemberName,
            Kind = MediaKind.Photo,
            Bytes = bytes,
            HasSidecar = true,
            PhotoTakenTime = taken.ToUnixTimeSeconds(),
            ExifTime = exifTime,
            ExifGps = item.ExifGps,
            NameDate = item.NameDate,
            GeoData = item.ExifGps,
            GeoDataExif = item.ExifGps,
            YearFolder = year,
        };
        twin.Tags.Add(sameFolder ? "equal-name-same-size-same-folder" : "equal-name-same-size");
        item.Tags.Add("equal-name");
        twin.Tags.Add("equal-name");
        return twin;
    }

    private static LibraryItem Edited(Random rng, int id, LibraryItem original)
    {
        // The suffix is chosen when the exports are planned (it follows the export's language); the
        // English one here is replaced per export only in the member name, never in the identity.
        _ = rng;
        var bytes = SampleMediaFactory.CreatePhoto(new PhotoSpec { Width = 24, Height = 16, Seed = (id * 7919) + 5, CaptureTime = original.ExifTime ?? DateTimeOffset.UnixEpoch, Gps = original.ExifGps, CameraModel = "Camera A" });
        if (original.ExifTime is null)
        {
            bytes = JpegSegments.WithoutApp1(bytes);
        }

        var edited = new LibraryItem
        {
            Id = id,
            Title = original.Title,
            MemberName = original.MemberName,
            Kind = MediaKind.Photo,
            Bytes = bytes,
            HasSidecar = false,
            ExifTime = original.ExifTime,
            ExifGps = original.ExifGps,
            NameDate = original.NameDate,
            YearFolder = original.YearFolder,
            EditedOf = original,
        };
        edited.Tags.Add("edited");
        return edited;
    }

    private static DateTimeOffset RandomTime(Random rng, int fromYear, int toYear)
    {
        var from = new DateTimeOffset(fromYear, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        var to = new DateTimeOffset(toYear, 12, 31, 23, 59, 59, TimeSpan.Zero).ToUnixTimeSeconds();
        return DateTimeOffset.FromUnixTimeSeconds(from + (long)(rng.NextDouble() * (to - from)));
    }

    /// <summary>Lays out one export: folders, Takeout's counters, sidecar names, album metadata, parts.</summary>
    private static void PlanMembers(Random rng, Scenario scenario, ExportPlan plan, IReadOnlySet<ScenarioFeature> features)
    {
        var top = $"Takeout/{plan.Language.Top}/";
        var inExport = scenario.Items.Where(i => i.OnlyInExport == 0 || i.OnlyInExport == plan.Index).ToList();

        // Copies by folder.
        var byFolder = new Dictionary<string, (FolderKind Kind, LibraryAlbum? Album, List<LibraryItem> Items)>(StringComparer.Ordinal);
        void Put(string folder, FolderKind kind, LibraryAlbum? album, LibraryItem item)
        {
            if (!byFolder.TryGetValue(folder, out var entry))
            {
                byFolder[folder] = entry = (kind, album, []);
            }

            entry.Items.Add(item);
        }

        foreach (var item in inExport)
        {
            if (item.Trashed)
            {
                Put(plan.Language.Trash, FolderKind.Trash, null, item);
                continue;
            }

            if (item.InYearFolder) Put(plan.Language.YearFolder(item.YearFolder), FolderKind.Year, null, item);
            if (item.Archived) Put(plan.Language.Archive, FolderKind.Archive, null, item);
            foreach (var album in item.Albums) Put(album.FolderName, FolderKind.Album, album, item);
        }

        var albumSidecars = !features.Contains(ScenarioFeature.AlbumsWithoutSidecarCopies) || rng.NextDouble() < 0.8;
        foreach (var (folder, (kind, album, items)) in byFolder.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            // Takeout numbers equal names in one folder; the order (and so who gets "(1)") differs between exports.
            var originals = items.Where(i => i.EditedOf is null).ToList();
            var sidecarByItem = new Dictionary<LibraryItem, PlannedMember>();
            var mediaByItem = new Dictionary<LibraryItem, PlannedMember>();
            foreach (var group in originals.GroupBy(i => i.MemberName, StringComparer.OrdinalIgnoreCase))
            {
                var ordered = group.OrderBy(_ => rng.Next()).ToList();
                for (var n = 0; n < ordered.Count; n++)
                {
                    var item = ordered[n];
                    var memberName = n == 0 ? item.MemberName : WithCounter(item.MemberName, n);
                    var media = new PlannedMember { Path = top + folder + "/" + memberName, Bytes = item.Bytes, Folder = folder, FolderKind = kind, Album = album, Media = item };
                    if (n > 0) item.Tags.Add("counter");
                    plan.Members.Add(media);
                    mediaByItem[item] = media;
                    if (item.HasSidecar && (kind != FolderKind.Album || albumSidecars))
                    {
                        var noExtension = plan.Style == SidecarStyle.Supplemental && item.Title.Length <= 20 && Path.HasExtension(item.Title)
                            && rng.NextDouble() < 0.2 && !items.Any(o => o != item && Path.GetFileNameWithoutExtension(o.Title).Equals(Path.GetFileNameWithoutExtension(item.Title), StringComparison.OrdinalIgnoreCase));
                        var sidecar = new PlannedMember
                        {
                            Path = top + folder + "/" + SidecarName(plan.Style, item.Title, n, noExtension),
                            Bytes = SidecarJson(item, rng),
                            Folder = folder,
                            FolderKind = kind,
                            Album = album,
                            SidecarOf = item,
                        };
                        plan.Members.Add(sidecar);
                        media.Sidecar = sidecar;
                        sidecarByItem[item] = sidecar;
                    }
                }
            }

            foreach (var edited in items.Where(i => i.EditedOf is not null))
            {
                var original = edited.EditedOf!;
                var name = Path.GetFileNameWithoutExtension(original.MemberName) + plan.Language.EditedSuffix + Path.GetExtension(original.MemberName);
                var media = new PlannedMember { Path = top + folder + "/" + name, Bytes = edited.Bytes, Folder = folder, FolderKind = kind, Album = album, Media = edited };
                media.Sidecar = sidecarByItem.GetValueOrDefault(original);
                plan.Members.Add(media);
            }

            if (kind == FolderKind.Album)
            {
                plan.Members.Add(new PlannedMember
                {
                    Path = top + folder + "/" + plan.Language.AlbumMetadata,
                    Bytes = AlbumJson(album!, plan.WrapAlbumData),
                    Folder = folder,
                    FolderKind = kind,
                    Album = album,
                    IsAlbumMetadata = true,
                });
            }
        }

        // Parts: members spread at random, so a sidecar and its media often sit in different parts.
        var spread = Enumerable.Range(0, plan.Members.Count).OrderBy(_ => rng.Next()).ToList();
        for (var i = 0; i < plan.Members.Count; i++)
        {
            // Every part holds at least one member (an empty part is not an export).
            plan.Members[spread[i]].Part = i < plan.PartCount ? i : rng.Next(plan.PartCount);
        }

        foreach (var member in plan.Members)
        {
            member.Deflate = member.Media is null || (features.Contains(ScenarioFeature.ZipDeflatedMedia) && rng.NextDouble() < 0.25);
        }

        if (plan.PartCount > 1)
        {
            foreach (var media in plan.Members.Where(m => m.Media is not null && m.Sidecar is not null && m.Sidecar.Part != m.Part))
            {
                if (!media.Media!.Tags.Contains("sidecar-in-other-part")) media.Media.Tags.Add("sidecar-in-other-part");
            }
        }

        // Within a part Takeout writes folder by folder; sometimes sidecars come before their media.
        if (rng.Next(3) == 0)
        {
            var shuffled = plan.Members.OrderBy(_ => rng.Next()).ToList();
            plan.Members.Clear();
            plan.Members.AddRange(shuffled);
        }

        foreach (var item in inExport)
        {
            var tag = $"{plan.Format}".ToLowerInvariant();
            if (!item.Tags.Contains(tag)) item.Tags.Add(tag);
        }
    }

    /// <summary>Members no extractor may write where they say: absolute, drive-letter, escaping, and symlinks.</summary>
    private static void PlanHostile(Random rng, Scenario scenario, ExportPlan plan)
    {
        var top = $"Takeout/{plan.Language.Top}";
        for (var n = rng.Next(1, 4); n > 0; n--)
        {
            var id = 100_000 + scenario.Hostile.Count;
            var kind = rng.Next(4);
            var path = kind switch
            {
                0 => $"/{top}/Photos from 2020/absolute{id}.jpg",
                1 => $"C:\\{top.Replace('/', '\\')}\\Photos from 2020\\drive{id}.jpg",
                2 => $"{top}/Photos from 2020/../../../escape{id}.jpg",
                _ => $"{top}/Photos from 2020/link{id}.jpg",
            };
            var bytes = kind == 3
                ? System.Text.Encoding.UTF8.GetBytes($"../../../../../../../../etc/hostname{id}")
                : SampleMediaFactory.CreatePhoto(new PhotoSpec { Width = 24, Height = 16, Seed = id, CaptureTime = new DateTimeOffset(2020, 5, 5, 5, 5, 5, TimeSpan.Zero) });
            var pseudo = new LibraryItem { Id = id, Title = path, MemberName = path, Kind = MediaKind.Photo, Bytes = bytes };
            pseudo.Tags.Add(kind switch { 0 => "hostile-absolute", 1 => "hostile-drive-letter", 2 => "hostile-dotdot", _ => "hostile-symlink" });
            pseudo.Tags.Add($"{plan.Format}".ToLowerInvariant());
            scenario.Hostile.Add(pseudo);
            plan.Members.Add(new PlannedMember
            {
                Path = path, Bytes = bytes, Folder = "", FolderKind = FolderKind.Year, Media = pseudo, IsSymlink = kind == 3,
                Part = rng.Next(plan.PartCount), Deflate = rng.Next(2) == 0,
            });
        }
    }

    public static string WithCounter(string name, int n) => Path.GetFileNameWithoutExtension(name) + $"({n})" + Path.GetExtension(name);

    /// <summary>Takeout's sidecar names (REFERENCE §1), all capped at 51 characters.</summary>
    public static string SidecarName(SidecarStyle style, string title, int counter, bool withoutMediaExtension)
    {
        string Cut(string s) => s.Length <= 46 ? s : s[..46];
        if (style == SidecarStyle.Classic)
        {
            return counter == 0 ? Cut(title) + ".json" : title + $"({counter}).json";
        }

        if (withoutMediaExtension)
        {
            return Path.GetFileNameWithoutExtension(title) + ".supplemental-metadata" + (counter == 0 ? "" : $"({counter})") + ".json";
        }

        return counter == 0 ? Cut(title + ".supplemental-metadata") + ".json" : title + $".supplemental-metadata({counter}).json";
    }

    private static byte[] SidecarJson(LibraryItem item, Random rng)
    {
        static string Geo(GpsLocation? g) => g is { } p
            ? string.Create(CultureInfo.InvariantCulture, $"{{\"latitude\": {p.Latitude:R}, \"longitude\": {p.Longitude:R}, \"altitude\": 0.0, \"latitudeSpan\": 0.0, \"longitudeSpan\": 0.0}}")
            : "{\"latitude\": 0.0, \"longitude\": 0.0, \"altitude\": 0.0, \"latitudeSpan\": 0.0, \"longitudeSpan\": 0.0}";
        var taken = item.PhotoTakenTime?.ToString(CultureInfo.InvariantCulture) ?? "0";
        var formatted = item.PhotoTakenTime is { } t ? DateTimeOffset.FromUnixTimeSeconds(t).ToString("MMM d, yyyy, h:mm:ss tt 'UTC'", CultureInfo.InvariantCulture) : "Jan 1, 1970, 12:00:00 AM UTC";
        var created = (1_600_000_000L + rng.Next(0, 100_000_000)).ToString(CultureInfo.InvariantCulture);
        var sb = new StringBuilder();
        sb.Append("{\n  \"title\": ").Append(JsonString(item.Title)).Append(",\n  \"description\": \"\",\n  \"imageViews\": \"").Append(rng.Next(0, 50)).Append("\",\n");
        sb.Append("  \"creationTime\": {\"timestamp\": \"").Append(created).Append("\", \"formatted\": \"\"},\n");
        sb.Append("  \"photoTakenTime\": {\"timestamp\": \"").Append(taken).Append("\", \"formatted\": ").Append(JsonString(formatted)).Append("},\n");
        sb.Append("  \"geoData\": ").Append(Geo(item.GeoData)).Append(",\n  \"geoDataExif\": ").Append(Geo(item.GeoDataExif)).Append(",\n");
        sb.Append("  \"url\": \"https://photos.google.com/photo/AF1Qip").Append(item.Id).Append("\",\n");
        if (item.Trashed) sb.Append("  \"trashed\": true,\n");
        if (item.Archived) sb.Append("  \"archived\": true,\n");
        sb.Append("  \"googlePhotosOrigin\": {\"mobileUpload\": {\"deviceType\": \"ANDROID_PHONE\"}}\n}\n");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    private static byte[] AlbumJson(LibraryAlbum album, bool wrap)
    {
        var inner = $"\"title\": {JsonString(album.Title)}, \"description\": \"\", \"access\": \"protected\", \"date\": {{\"timestamp\": \"1577836800\", \"formatted\": \"Jan 1, 2020, 12:00:00 AM UTC\"}}";
        return Encoding.UTF8.GetBytes(wrap ? $"{{\"albumData\": {{{inner}}}}}\n" : $"{{{inner}}}\n");
    }

    private static string JsonString(string s) => System.Text.Json.JsonSerializer.Serialize(s);

    /// <summary>At most one structurally damaged part and one corrupt member per scenario.</summary>
    private static void PlanDamage(Random rng, Scenario scenario, IReadOnlySet<ScenarioFeature> features)
    {
        if (features.Contains(ScenarioFeature.DamagedParts) && rng.NextDouble() < 0.25)
        {
            var candidates = scenario.Exports.Where(e => e.Format != PartFormat.Folder).ToList();
            if (candidates.Count > 0)
            {
                var plan = candidates[rng.Next(candidates.Count)];
                plan.DamagedPart = rng.Next(plan.PartCount);
                plan.Damage = plan.Format == PartFormat.Zip ? DamageKind.TruncatedZip : rng.Next(2) == 0 ? DamageKind.TruncatedTgz : DamageKind.CorruptTarHeader;
            }
        }

        if (features.Contains(ScenarioFeature.CorruptMembers) && rng.NextDouble() < 0.2)
        {
            // Only an item with a single copy anywhere: no other copy could serve it.
            var copies = scenario.Exports.SelectMany(e => e.Members.Where(m => m.Media is not null).Select(m => (Export: e, Member: m))).ToList();
            var single = copies
                .Where(c => c.Export.Format == PartFormat.Zip && c.Export.Damage == DamageKind.None && !c.Member.Media!.Trashed && !scenario.Hostile.Contains(c.Member.Media))
                .Where(c => copies.Count(o => o.Member.Media == c.Member.Media) == 1 && !scenario.Items.Any(i => i.EditedOf == c.Member.Media))
                .ToList();
            if (single.Count > 0)
            {
                var (export, member) = single[rng.Next(single.Count)];
                member.Corrupt = true;
                export.Damage = DamageKind.CorruptMember;
                export.DamagedPart = member.Part;
                member.Media!.Tags.Add(member.Deflate ? "corrupt-deflated-member" : "corrupt-stored-member");
            }
        }
    }
}
