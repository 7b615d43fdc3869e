using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace GPhotosFs.TakeoutDifferential;

public sealed record Difference(string Category, string Message)
{
    public override string ToString() => $"[{Category}] {Message}";
}

/// <summary>What the mount shows, read for real through FUSE.</summary>
public sealed record MountedFile(string Folder, string Name, string? Sha256, string? ReadError, string? Gps);

/// <summary>Reads a mounted tree (every byte of every file) and compares it with the oracle by content hash.</summary>
public static partial class MountComparer
{
    public static (List<MountedFile> Photos, Dictionary<string, List<MountedFile>> Albums, List<string> TopLevel) Read(string mount)
    {
        var photos = new List<MountedFile>();
        var photosRoot = Path.Combine(mount, "photos");
        if (Directory.Exists(photosRoot))
        {
            foreach (var file in Directory.EnumerateFiles(photosRoot, "*", SearchOption.AllDirectories))
            {
                photos.Add(ReadFile(mount, file, withGps: true));
            }
        }

        var albums = new Dictionary<string, List<MountedFile>>(StringComparer.Ordinal);
        var albumsRoot = Path.Combine(mount, "albums");
        if (Directory.Exists(albumsRoot))
        {
            foreach (var dir in Directory.EnumerateDirectories(albumsRoot))
            {
                albums[Path.GetFileName(dir)] = Directory.EnumerateFileSystemEntries(dir).Select(f => ReadFile(mount, f, withGps: false)).ToList();
            }
        }

        var top = Directory.EnumerateFileSystemEntries(mount).Select(Path.GetFileName).Select(n => n!).ToList();
        return (photos, albums, top);
    }

    private static MountedFile ReadFile(string mount, string file, bool withGps)
    {
        var folder = Path.GetRelativePath(mount, Path.GetDirectoryName(file)!);
        var name = Path.GetFileName(file);
        try
        {
            var bytes = File.ReadAllBytes(file);
            return new MountedFile(folder, name, Convert.ToHexStringLower(SHA256.HashData(bytes)), null, withGps ? GetXattr(file, "user.gphotos.gps") : null);
        }
        catch (IOException e)
        {
            return new MountedFile(folder, name, null, e.Message, null);
        }
        catch (UnauthorizedAccessException e)
        {
            return new MountedFile(folder, name, null, e.Message, null);
        }
    }

    public static List<Difference> Compare(ExpectedTree expected, string mount)
    {
        var (photos, albums, top) = Read(mount);
        var diffs = new List<Difference>();
        foreach (var extra in top.Where(t => t is not "photos" and not "albums"))
        {
            diffs.Add(new("extra-top-level", $"/{extra} at the mount's top"));
        }

        var bySha = photos.Where(p => p.Sha256 is not null).GroupBy(p => p.Sha256!).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        foreach (var (sha, want) in expected.Visible)
        {
            var got = bySha.GetValueOrDefault(sha) ?? [];
            var what = Describe(want);
            if (got.Count == 0)
            {
                var unreadable = photos.Where(p => p.Sha256 is null && want.Names.Any(n => Oracle.NameMatches(p.Name, Oracle.Sanitize(n)))).ToList();
                diffs.Add(unreadable.Count > 0
                    ? new("unreadable", $"{what}: {string.Join(", ", unreadable.Select(u => $"{u.Folder}/{Print(u.Name)} ({u.ReadError})"))}")
                    : new("missing", $"{what}: not in photos/"));
                continue;
            }

            if (got.Count > 1)
            {
                diffs.Add(new("duplicated", $"{what}: shown {got.Count} times: {string.Join(", ", got.Select(g => $"{g.Folder}/{Print(g.Name)}"))}"));
            }

            foreach (var file in got)
            {
                if (!want.Folders.Contains(file.Folder))
                {
                    diffs.Add(new("wrong-month", $"{what}: in {file.Folder}/{Print(file.Name)}"));
                }

                if (!want.Names.Any(n => Oracle.NameMatches(file.Name, n)))
                {
                    diffs.Add(new("wrong-name", $"{what}: named {Print(file.Name)}"));
                }

                if (want.CheckGps && !GpsMatches(file.Gps, want.Gps))
                {
                    diffs.Add(new("gps", $"{what}: user.gphotos.gps is {(file.Gps is null ? "absent" : $"\"{file.Gps}\"")}, expected {(want.Gps is { } g ? string.Create(CultureInfo.InvariantCulture, $"{g.Latitude:0.000000},{g.Longitude:0.000000}") : "none")}"));
                }
            }
        }

        foreach (var (sha, want) in expected.MaybeUnreadable)
        {
            if (bySha.GetValueOrDefault(sha) is { Count: > 1 } got)
            {
                diffs.Add(new("duplicated", $"{Describe(want)}: shown {got.Count} times"));
            }
        }

        foreach (var (sha, files) in bySha.Where(p => !expected.Visible.ContainsKey(p.Key) && !expected.MaybeUnreadable.ContainsKey(p.Key)))
        {
            foreach (var file in files)
            {
                if (expected.Absent.TryGetValue(sha, out var absent))
                {
                    diffs.Add(new(absent.Why == "trashed" ? "trashed-shown" : absent.Why.StartsWith("hostile", StringComparison.Ordinal) ? "hostile-shown" : "lost-shown", $"{absent.Item} ({absent.Why}) shown as {file.Folder}/{Print(file.Name)}"));
                }
                else
                {
                    var maybe = expected.MaybeUnreadable.Values.FirstOrDefault(m => m.Names.Any(n => Oracle.NameMatches(file.Name, n)));
                    diffs.Add(maybe is not null
                        ? new("corrupt-served", $"{Describe(maybe)}: {file.Folder}/{Print(file.Name)} served bytes that are not the original (sha256 {sha[..12]}) instead of failing")
                        : new("foreign-file", $"{file.Folder}/{Print(file.Name)} (sha256 {sha[..12]}) is no item of the library"));
                }
            }
        }

        foreach (var file in photos.Where(p => p.Sha256 is null))
        {
            var isMaybe = expected.MaybeUnreadable.Values.Any(m => m.Names.Any(n => Oracle.NameMatches(file.Name, n)));
            var isVisible = expected.Visible.Values.Any(m => m.Names.Any(n => Oracle.NameMatches(file.Name, n)) && !bySha.ContainsKey(m.Item.Sha256));
            if (!isMaybe && !isVisible)
            {
                diffs.Add(new("unreadable", $"{file.Folder}/{Print(file.Name)}: {file.ReadError}"));
            }
        }

        CompareAlbums(expected, albums, diffs);
        return diffs;
    }

    private static void CompareAlbums(ExpectedTree expected, Dictionary<string, List<MountedFile>> albums, List<Difference> diffs)
    {
        var matched = new HashSet<string>(StringComparer.Ordinal);
        foreach (var album in expected.Albums)
        {
            var dir = albums.Keys.Where(k => !matched.Contains(k)).FirstOrDefault(k => Oracle.NameMatches(k, Oracle.Sanitize(album.Title)));
            if (dir is null)
            {
                diffs.Add(new("album-missing", $"album \"{album.Title}\" ({album.Sha256s.Count} items) is not in albums/"));
                continue;
            }

            matched.Add(dir);
            var entries = albums[dir];
            var got = entries.Where(e => e.Sha256 is not null).Select(e => e.Sha256!).ToList();
            var missing = album.Sha256s.Except(got).Select(s => expected.Visible[s].Item.ToString()).ToList();
            var extra = got.Except(album.Sha256s).Select(s => expected.Visible.TryGetValue(s, out var v) ? v.Item.ToString() : expected.Absent.TryGetValue(s, out var a) ? $"{a.Item} ({a.Why})" : $"sha256 {s[..12]}").ToList();
            var twice = got.GroupBy(s => s).Where(g => g.Count() > 1).Select(g => expected.Visible.TryGetValue(g.Key, out var v) ? v.Item.ToString() : g.Key[..12]).ToList();
            // An entry of an item whose only copy is a corrupt member may fail to read, like its photos/ file.
            var broken = entries.Where(e => e.Sha256 is null && !expected.MaybeUnreadable.Values.Any(m => m.Names.Any(n => Oracle.NameMatches(e.Name, n))))
                .Select(e => $"{Print(e.Name)} ({e.ReadError})").ToList();
            if (missing.Count > 0) diffs.Add(new("album-members", $"album \"{album.Title}\" lacks {string.Join(", ", missing)}"));
            if (extra.Count > 0) diffs.Add(new("album-members", $"album \"{album.Title}\" has extra {string.Join(", ", extra)}"));
            if (twice.Count > 0) diffs.Add(new("album-members", $"album \"{album.Title}\" shows twice {string.Join(", ", twice)}"));
            if (broken.Count > 0) diffs.Add(new("album-members", $"album \"{album.Title}\" has unreadable entries {string.Join(", ", broken)}"));
        }

        foreach (var dir in albums.Keys.Where(k => !matched.Contains(k)))
        {
            if (expected.OptionalAlbums.Any(t => Oracle.NameMatches(dir, Oracle.Sanitize(t))) && albums[dir].Count == 0)
            {
                continue;
            }

            diffs.Add(new("album-extra", $"albums/{Print(dir)} ({albums[dir].Count} entries) is no album of the library"));
        }
    }

    private static string Describe(ExpectedFile want) =>
        $"{want.Item} expected in {string.Join("|", want.Folders.Order(StringComparer.Ordinal))} by {want.DateSource}";

    private static string Print(string s) => LibraryItem.Printable(s);

    private static bool GpsMatches(string? actual, SampleMedia.GpsLocation? expected)
    {
        if (expected is not { } want)
        {
            return string.IsNullOrEmpty(actual);
        }

        if (string.IsNullOrEmpty(actual))
        {
            return false;
        }

        var parts = actual.Split(',');
        return parts.Length >= 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon)
            && Math.Abs(lat - want.Latitude) < 1e-4 && Math.Abs(lon - want.Longitude) < 1e-4;
    }

    private static string? GetXattr(string path, string name)
    {
        var buffer = new byte[4096];
        var n = getxattr(path, name, buffer, (nuint)buffer.Length);
        return n < 0 ? null : Encoding.UTF8.GetString(buffer, 0, (int)n);
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial nint getxattr(string path, string name, byte[] value, nuint size);
}
