using System.Globalization;
using GPhotosFs.SampleMedia;

namespace GPhotosFs.TakeoutDifferential;

/// <summary>An item the mount must show exactly once.</summary>
public sealed record ExpectedFile(LibraryItem Item, IReadOnlySet<string> Folders, IReadOnlySet<string> Names, string DateSource, bool CheckGps, GpsLocation? Gps);

public sealed record ExpectedAlbum(string Title, IReadOnlySet<string> Sha256s);

/// <summary>The tree the mount must show, derived only from what the generator decided and what damage destroyed.</summary>
public sealed class ExpectedTree
{
    public Dictionary<string, ExpectedFile> Visible { get; } = new(StringComparer.Ordinal);

    /// <summary>Items whose only copy is a corrupt member: absent, or shown but failing to read (never other bytes).</summary>
    public Dictionary<string, ExpectedFile> MaybeUnreadable { get; } = new(StringComparer.Ordinal);

    /// <summary>Items that must not be shown, with why (trashed, lost with a damaged part).</summary>
    public Dictionary<string, (LibraryItem Item, string Why)> Absent { get; } = new(StringComparer.Ordinal);

    public List<ExpectedAlbum> Albums { get; } = [];

    /// <summary>Albums whose metadata survived but none of whose items are shown: present (empty) or absent.</summary>
    public List<string> OptionalAlbums { get; } = [];

    public int Count => Visible.Count;
}

/// <summary>
/// The generator's own prediction (README: "Capture time: sidecar photoTakenTime, else EXIF, else a
/// date in the file name, else the archive entry time", in UTC; videos: the QuickTime mvhd time).
/// </summary>
public static class Oracle
{
    public static ExpectedTree Expect(Scenario scenario)
    {
        var tree = new ExpectedTree();
        var copies = scenario.Exports.SelectMany(e => e.Members.Where(m => m.Media is not null).Select(m => (Export: e, Member: m))).ToList();
        var copiesByItem = copies.GroupBy(c => c.Member.Media!).ToDictionary(g => g.Key, g => g.ToList());
        var allSidecars = scenario.Exports.SelectMany(e => e.Members.Where(m => m.SidecarOf is not null && m.Survives).Select(m => m.SidecarOf!)).ToHashSet();

        foreach (var item in scenario.Items)
        {
            var mine = copiesByItem.GetValueOrDefault(item) ?? [];
            if (item.Trashed)
            {
                tree.Absent[item.Sha256] = (item, "trashed");
                continue;
            }

            var good = mine.Where(c => c.Member.Survives && !c.Member.Corrupt).ToList();
            var corrupt = mine.Where(c => c.Member.Corrupt).ToList();
            if (good.Count == 0 && corrupt.Count == 0)
            {
                tree.Absent[item.Sha256] = (item, "every copy lost with a damaged part");
                continue;
            }

            var shown = good.Count > 0 ? good : corrupt;
            var expected = ExpectFile(item, shown, allSidecars);
            if (good.Count > 0)
            {
                tree.Visible[item.Sha256] = expected;
            }
            else
            {
                tree.MaybeUnreadable[item.Sha256] = expected;
            }
        }

        // Albums: folders whose metadata survived in some part of some export; members by surviving copies.
        var albumMetadata = scenario.Exports.SelectMany(e => e.Members).Where(m => m.IsAlbumMetadata && m.Survives).Select(m => m.Album!).Distinct().ToList();
        foreach (var album in albumMetadata)
        {
            var members = copies
                .Where(c => c.Member.Album == album && c.Member.Survives && !c.Member.Corrupt && tree.Visible.ContainsKey(c.Member.Media!.Sha256))
                .Select(c => c.Member.Media!.Sha256)
                .ToHashSet(StringComparer.Ordinal);
            if (members.Count == 0)
            {
                tree.OptionalAlbums.Add(album.Title);
            }
            else
            {
                tree.Albums.Add(new ExpectedAlbum(album.Title, members));
            }
        }

        return tree;
    }

    private static ExpectedFile ExpectFile(LibraryItem item, List<(ExportPlan Export, PlannedMember Member)> shown, HashSet<LibraryItem> survivingSidecars)
    {
        var sidecarOwner = item.EditedOf ?? item;
        // A sidecar counts when it survived beside a surviving media copy it names (an edited copy: its original's).
        var paired = shown.Any(c => c.Member.Sidecar is { Survives: true });
        // A sidecar that survived without its media copy (another copy survived elsewhere): either reading is defensible.
        var orphan = !paired && survivingSidecars.Contains(sidecarOwner);

        var folders = new HashSet<string>(StringComparer.Ordinal);
        string source;
        var fallback = Fallback(item, shown, out var fallbackSource);
        if (paired && sidecarOwner.PhotoTakenTime is { } taken)
        {
            folders.Add(Month(DateTimeOffset.FromUnixTimeSeconds(taken)));
            source = "sidecar photoTakenTime";
        }
        else
        {
            folders.UnionWith(fallback);
            source = paired ? $"sidecar photoTakenTime \"0\", so {fallbackSource}" : fallbackSource;
        }

        if (orphan && sidecarOwner.PhotoTakenTime is { } orphanTaken)
        {
            folders.Add(Month(DateTimeOffset.FromUnixTimeSeconds(orphanTaken)));
            source += " (or its orphaned sidecar)";
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        if (item.EditedOf is null)
        {
            names.Add(Sanitize(item.Title));
        }

        foreach (var (_, member) in shown)
        {
            names.Add(Sanitize(member.FileName));
        }

        GpsLocation? gps = paired ? sidecarOwner.GeoDataExif ?? sidecarOwner.GeoData : null;
        if (gps is null && item.Kind == MediaKind.Photo)
        {
            gps = item.ExifGps;
        }

        return new ExpectedFile(item, folders, names, source, CheckGps: !orphan, gps);
    }

    private static HashSet<string> Fallback(LibraryItem item, List<(ExportPlan Export, PlannedMember Member)> shown, out string source)
    {
        if (item.ExifTime is { } exif)
        {
            source = "EXIF DateTimeOriginal";
            return [Month(exif)];
        }

        if (item.MvhdTime is { } mvhd)
        {
            source = "QuickTime mvhd";
            return [Month(mvhd)];
        }

        if (item.NameDate is { } named)
        {
            source = "date in the file name";
            return [Month(named)];
        }

        source = "archive entry time";
        return shown.Select(c => Month(c.Export.Time)).ToHashSet(StringComparer.Ordinal);
    }

    public static string Month(DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        return string.Create(CultureInfo.InvariantCulture, $"photos/{utc.Year:D4}/{utc.Month:D2}");
    }

    /// <summary>README: unsafe bytes (`/`, NUL, control characters) become `_`.</summary>
    public static string Sanitize(string name) =>
        string.Create(name.Length, name, (span, s) =>
        {
            for (var i = 0; i < s.Length; i++)
            {
                span[i] = s[i] < 0x20 || s[i] == 0x7F || s[i] == '/' ? '_' : s[i];
            }
        });

    /// <summary>The name itself, or with README's collision suffix " (n)" (n ≥ 2) before the extension.</summary>
    public static bool NameMatches(string actual, string expected)
    {
        if (actual == expected) return true;
        var ext = Path.GetExtension(expected);
        var stem = expected[..^ext.Length];
        if (!actual.StartsWith(stem + " (", StringComparison.Ordinal) || !actual.EndsWith(")" + ext, StringComparison.Ordinal)) return false;
        var digits = actual[(stem.Length + 2)..^(ext.Length + 1)];
        return digits.Length > 0 && digits.All(char.IsAsciiDigit) && int.TryParse(digits, CultureInfo.InvariantCulture, out var n) && n >= 2;
    }
}
