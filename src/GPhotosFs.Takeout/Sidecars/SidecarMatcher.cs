using System.Text.RegularExpressions;

namespace GPhotosFs.Takeout.Sidecars;

/// <summary>
/// Pairs media files with their JSON sidecars from entry paths alone (pure: no I/O), across every
/// naming Takeout has used (REFERENCE section 1):
/// <list type="bullet">
/// <item>classic <c>NAME.EXT.json</c>, and without the extension (<c>20030616.json</c>);</item>
/// <item><c>NAME.EXT.supplemental-metadata.json</c> and its cuts (<c>.supplemental-metad.json</c>,
/// <c>.s.json</c>, <c>..json</c>): the last dot-segment, when a prefix of "supplemental-metadata", is dropped;</item>
/// <item>duplicates: <c>IMG(1).jpg</c> ↔ <c>IMG.jpg(1).json</c> or <c>IMG.jpg.supplemental-metadata(1).json</c>
/// (the number moves after the extension), or the number left in place;</item>
/// <item>names cut to 51 characters (the media name to 46): a sidecar whose name reached the limit matches
/// the longest media name it is a prefix of;</item>
/// <item>edited copies (every localized suffix) share the original's sidecar; motion-photo companions
/// (same base name, one a video) share the photo's.</item>
/// </list>
/// Paths are compared within one folder path, so a sidecar in another part of the export (the
/// same folder path in another archive) still matches.
/// </summary>
public static partial class SidecarMatcher
{
    /// <summary>Takeout's limit on a sidecar's whole file name.</summary>
    public const int NameLimit = 51;

    /// <summary>A sidecar name at least this long may have been cut (the media part is cut to 46).</summary>
    public const int TruncatedFrom = 46;

    private const string Supplemental = "supplemental-metadata";

    public static Dictionary<string, SidecarMatch> Match(IEnumerable<string> mediaPaths, IEnumerable<string> sidecarPaths)
    {
        var byFolder = new Dictionary<string, Dictionary<(string Key, int? Dup), SidecarName>>(StringComparer.Ordinal);
        foreach (var path in sidecarPaths)
        {
            var (folder, name) = Split(path);
            var parsed = ParseSidecarName(name);
            if (parsed is null)
            {
                continue;
            }

            if (!byFolder.TryGetValue(folder, out var index))
            {
                byFolder[folder] = index = [];
            }

            var slot = (parsed.Value.Key, parsed.Value.Dup);
            // Two sidecars for one key (both namings in one export): prefer the classic, shorter one.
            if (!index.TryGetValue(slot, out var existing) || name.Length < existing.FileName.Length)
            {
                index[slot] = new SidecarName(path, name);
            }
        }

        var result = new Dictionary<string, SidecarMatch>(StringComparer.Ordinal);
        var unmatched = new List<(string Path, string Folder, string Name)>();
        foreach (var path in mediaPaths)
        {
            var (folder, name) = Split(path);
            if (byFolder.TryGetValue(folder, out var index) && Find(index, name) is { } match)
            {
                result[path] = match;
            }
            else
            {
                unmatched.Add((path, folder, name));
            }
        }

        // Motion-photo companions: a media file without a sidecar shares that of a matched file in
        // the same folder with the same base name ("PXL_….MP.jpg" / "PXL_….MP", "IMG_1.HEIC" / "IMG_1.MP4").
        if (unmatched.Count > 0)
        {
            var matchedByStem = new Dictionary<(string Folder, string Stem), string>();
            foreach (var (path, match) in result)
            {
                var (folder, name) = Split(path);
                matchedByStem.TryAdd((folder, CompanionStem(name)), match.SidecarPath);
            }

            foreach (var (path, folder, name) in unmatched)
            {
                if (matchedByStem.TryGetValue((folder, CompanionStem(name)), out var sidecar))
                {
                    result[path] = new SidecarMatch(sidecar, SidecarMatchKind.Companion);
                }
            }
        }

        return result;
    }

    /// <summary>The media name a sidecar file name stands for (possibly cut, possibly without extension) and its duplicate number.</summary>
    internal static (string Key, int? Dup)? ParseSidecarName(string fileName)
    {
        if (!fileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || fileName.Length <= 5)
        {
            return null;
        }

        var stem = fileName[..^5];
        var (withoutDup, dup) = SplitDuplicate(stem);
        stem = withoutDup;
        var lastDot = stem.LastIndexOf('.');
        if (lastDot >= 0)
        {
            var segment = stem[(lastDot + 1)..];
            if (Supplemental.StartsWith(segment, StringComparison.OrdinalIgnoreCase))
            {
                stem = stem[..lastDot];
            }
        }

        return stem.Length == 0 ? null : (stem, dup);
    }

    private static SidecarMatch? Find(Dictionary<(string Key, int? Dup), SidecarName> index, string mediaName)
    {
        if (FindNamed(index, mediaName) is { } direct)
        {
            return direct;
        }

        var (stem, extension) = SplitExtension(mediaName);
        var (baseName, dup) = SplitDuplicate(stem);
        if (TakeoutNames.StripEditedSuffix(baseName) is { } original)
        {
            var originalName = original + extension;
            if (dup is not null)
            {
                originalName = $"{original}({dup}){extension}";
            }

            if ((FindNamed(index, originalName) ?? FindNamed(index, original + extension)) is { } shared)
            {
                return shared with { Kind = SidecarMatchKind.EditedCopy };
            }
        }

        return null;
    }

    private static SidecarMatch? FindNamed(Dictionary<(string Key, int? Dup), SidecarName> index, string mediaName)
    {
        var (stem, extension) = SplitExtension(mediaName);
        var (baseName, dup) = SplitDuplicate(stem);
        var plain = baseName + extension;
        // Most specific first: the number after the extension, the number left in place, then without extension.
        (string, int?)[] exact = dup is null
            ? [(mediaName, null), (stem, null)]
            : [(plain, dup), (mediaName, null), (baseName, dup), (stem, null)];
        foreach (var key in exact)
        {
            if (index.TryGetValue(key, out var hit))
            {
                return new SidecarMatch(hit.Path, SidecarMatchKind.Named);
            }
        }

        // Cut names: the longest prefix of the media name that a limit-length sidecar stands for.
        var candidate = dup is null ? mediaName : plain;
        for (var length = Math.Min(candidate.Length - 1, NameLimit); length >= 8; length--)
        {
            if (index.TryGetValue((candidate[..length], dup), out var hit) && hit.FileName.Length >= TruncatedFrom)
            {
                return new SidecarMatch(hit.Path, SidecarMatchKind.Truncated);
            }
        }

        return null;
    }

    private static string CompanionStem(string name)
    {
        var (stem, _) = SplitExtension(name);
        // "PXL_20211224_190000123.MP.jpg" and "PXL_20211224_190000123.MP" share "PXL_20211224_190000123".
        if (stem.EndsWith(".MP", StringComparison.OrdinalIgnoreCase))
        {
            stem = stem[..^3];
        }

        return stem;
    }

    internal static (string Stem, int? Dup) SplitDuplicate(string stem)
    {
        var match = DuplicateSuffix().Match(stem);
        return match.Success && match.Index > 0
            ? (stem[..match.Index], int.Parse(match.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture))
            : (stem, null);
    }

    private static (string Stem, string Extension) SplitExtension(string name)
    {
        var dot = name.LastIndexOf('.');
        return dot <= 0 ? (name, "") : (name[..dot], name[dot..]);
    }

    private static (string Folder, string Name) Split(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? ("", path) : (path[..slash], path[(slash + 1)..]);
    }

    [GeneratedRegex(@"\((\d{1,4})\)$")]
    private static partial Regex DuplicateSuffix();

    private sealed record SidecarName(string Path, string FileName);
}
