using System.Formats.Tar;
using System.IO.Compression;

namespace GPhotosFs.Takeout.Samples;

/// <summary>
/// Writes a list of members as a multi-part export the way Takeout names them
/// (<c>NAME-001.zip</c>, <c>NAME-002.zip</c>… or <c>.tgz</c>), or as an extracted folder.
/// </summary>
public static class TakeoutExportWriter
{
    /// <summary>Zip parts; <paramref name="deflate"/> false stores members uncompressed (as Takeout does for media), true deflates them.</summary>
    public static IReadOnlyList<string> WriteZip(string folder, string exportName, IReadOnlyList<TakeoutMember> members, int parts, bool deflate, Func<TakeoutMember, bool>? deflateMember = null)
    {
        Directory.CreateDirectory(folder);
        var paths = new List<string>();
        foreach (var (index, partMembers) in Spread(members, parts))
        {
            var path = Path.Combine(folder, $"{exportName}-{index + 1:D3}.zip");
            using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
            using (var zip = new ZipArchive(stream, ZipArchiveMode.Create))
            {
                foreach (var member in partMembers)
                {
                    var compress = deflateMember?.Invoke(member) ?? deflate;
                    var entry = zip.CreateEntry(member.Path, compress ? CompressionLevel.Optimal : CompressionLevel.NoCompression);
                    entry.LastWriteTime = member.Modified ?? new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
                    using var data = entry.Open();
                    data.Write(member.Bytes);
                }
            }

            paths.Add(path);
        }

        return paths;
    }

    public static IReadOnlyList<string> WriteTgz(string folder, string exportName, IReadOnlyList<TakeoutMember> members, int parts)
    {
        Directory.CreateDirectory(folder);
        var paths = new List<string>();
        foreach (var (index, partMembers) in Spread(members, parts))
        {
            var path = Path.Combine(folder, $"{exportName}-{index + 1:D3}.tgz");
            using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
            using (var gzip = new GZipStream(stream, CompressionLevel.Fastest))
            using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
            {
                foreach (var member in partMembers)
                {
                    var entry = new PaxTarEntry(TarEntryType.RegularFile, member.Path)
                    {
                        DataStream = new MemoryStream(member.Bytes, writable: false),
                        ModificationTime = member.Modified ?? new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
                    };
                    tar.WriteEntry(entry);
                }
            }

            paths.Add(path);
        }

        return paths;
    }

    /// <summary>An extracted export: every member as a file below <paramref name="folder"/>.</summary>
    public static string WriteFolder(string folder, IReadOnlyList<TakeoutMember> members)
    {
        foreach (var member in members)
        {
            var path = Path.Combine(folder, member.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, member.Bytes);
            if (member.Modified is { } modified)
            {
                File.SetLastWriteTimeUtc(path, modified.UtcDateTime);
            }
        }

        return folder;
    }

    private static IEnumerable<(int Index, List<TakeoutMember> Members)> Spread(IReadOnlyList<TakeoutMember> members, int parts)
    {
        parts = Math.Max(1, parts);
        var byPart = Enumerable.Range(0, parts).Select(_ => new List<TakeoutMember>()).ToArray();
        // Contiguous runs, as Takeout cuts parts by size: a sidecar may land in the next part.
        for (var i = 0; i < members.Count; i++)
        {
            var part = members[i].Part ?? (int)((long)i * parts / Math.Max(1, members.Count));
            byPart[Math.Clamp(part, 0, parts - 1)].Add(members[i]);
        }

        return byPart.Select((m, i) => (i, m));
    }
}
