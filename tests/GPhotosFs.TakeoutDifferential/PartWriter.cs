using System.Buffers.Binary;
using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace GPhotosFs.TakeoutDifferential;

/// <summary>
/// Writes an export's parts with the platform's own archive code (never the product's Takeout
/// writer): zip through System.IO.Compression, .tgz through System.Formats.Tar and GZipStream,
/// extracted folders as plain files. Then damages what the plan says and records which members
/// survived, so the oracle knows exactly what is lost because of the damage.
/// </summary>
public static class PartWriter
{
    public static void Write(ExportPlan plan, string folder, Random rng, bool exportNumberInNames)
    {
        Directory.CreateDirectory(folder);
        for (var part = 0; part < plan.PartCount; part++)
        {
            var number = exportNumberInNames && rng.Next(2) == 0 ? $"-{rng.Next(1, 4)}" : "";
            var stem = $"takeout-{plan.Stamp}{number}-{part + 1:D3}";
            var members = plan.Members.Where(m => m.Part == part).ToList();
            var damage = plan.DamagedPart == part ? plan.Damage : DamageKind.None;
            var format = plan.Format;
            string path = format switch
            {
                PartFormat.Zip => WriteZip(Path.Combine(folder, stem + ".zip"), members, plan.Time, damage, rng),
                PartFormat.Tgz => WriteTgz(Path.Combine(folder, stem + ".tgz"), members, plan.Time, damage, rng, plan.Notes),
                _ => WriteFolder(Path.Combine(folder, stem), members, plan.Time),
            };
            plan.PartPaths.Add(path);
        }
    }

    private static string WriteZip(string path, List<PlannedMember> members, DateTimeOffset time, DamageKind damage, Random rng)
    {
        using (var file = new FileStream(path, FileMode.CreateNew))
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create))
        {
            foreach (var member in members)
            {
                var entry = zip.CreateEntry(member.Path, member.Deflate ? CompressionLevel.Optimal : CompressionLevel.NoCompression);
                entry.LastWriteTime = time;
                using var stream = entry.Open();
                stream.Write(member.Bytes);
            }
        }

        if (damage == DamageKind.TruncatedZip)
        {
            // Cut somewhere in the member data: the central directory (and the end record) are gone.
            var length = new FileInfo(path).Length;
            using var file = new FileStream(path, FileMode.Open);
            file.SetLength((long)(length * (0.3 + (0.6 * rng.NextDouble()))));
            foreach (var member in members) member.Survives = false;
        }
        else if (damage == DamageKind.CorruptMember)
        {
            var member = members.Single(m => m.Corrupt);
            CorruptZipMember(path, member, rng);
        }

        return path;
    }

    /// <summary>Flips one byte of the member's data in place (its local header and the directory keep the true CRC-32).</summary>
    private static void CorruptZipMember(string path, PlannedMember member, Random rng)
    {
        var bytes = File.ReadAllBytes(path);
        var name = Encoding.UTF8.GetBytes(member.Path);
        for (var at = 0; at + 30 < bytes.Length; at++)
        {
            if (bytes[at] != 0x50 || bytes[at + 1] != 0x4B || bytes[at + 2] != 3 || bytes[at + 3] != 4) continue;
            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(at + 26));
            var extraLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(at + 28));
            if (!bytes.AsSpan(at + 30, nameLength).SequenceEqual(name)) continue;
            var compressed = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 18));
            var data = at + 30 + nameLength + extraLength;
            // Stored: a byte of the entropy-coded tail (not EOI, not the EXIF head); deflated: mid-stream.
            var offset = member.Deflate ? data + (int)(compressed / 2) : data + (int)compressed - 3 - rng.Next(0, 8);
            bytes[offset] ^= 0x5A;
            File.WriteAllBytes(path, bytes);
            return;
        }

        throw new InvalidOperationException($"local header of {member.Path} not found");
    }

    private static string WriteTgz(string path, List<PlannedMember> members, DateTimeOffset time, DamageKind damage, Random rng, List<string> notes)
    {
        var tar = new MemoryStream();
        var offsets = new List<long>();
        // GNU (long names in ././@LongLink) or POSIX pax (long names in extended headers): both are
        // what tar writes, and GNU tar reads both.
        var pax = rng.Next(2) == 0;
        notes.Add($"{Path.GetFileName(path)}: {(pax ? "pax" : "gnu")} tar");
        using (var writer = new TarWriter(tar, pax ? TarEntryFormat.Pax : TarEntryFormat.Gnu, leaveOpen: true))
        {
            foreach (var member in members)
            {
                offsets.Add(tar.Position);
                TarEntry entry = pax
                    ? new PaxTarEntry(TarEntryType.RegularFile, member.Path) { ModificationTime = time, DataStream = new MemoryStream(member.Bytes) }
                    : new GnuTarEntry(TarEntryType.RegularFile, member.Path) { ModificationTime = time, DataStream = new MemoryStream(member.Bytes) };
                writer.WriteEntry(entry);
            }
        }

        var bytes = tar.ToArray();
        // Damage at a member k >= 1 (members before it stay readable); a one-member part loses all.
        var k = members.Count <= 1 ? 0 : rng.Next(1, members.Count);
        if (damage == DamageKind.CorruptTarHeader && members.Count > 0)
        {
            var header = (int)offsets[k];
            for (var i = 0; i < 512; i++) bytes[header + i] = (byte)rng.Next(1, 256);
        }

        using (var file = new FileStream(path, FileMode.CreateNew))
        {
            using var gzip = new GZipStream(file, CompressionLevel.Optimal, leaveOpen: true);
            if (damage == DamageKind.TruncatedTgz && members.Count > 0)
            {
                gzip.Write(bytes, 0, (int)offsets[k]);
                gzip.Flush(); // a sync point: everything before member k decompresses
                file.Flush();
                var cut = file.Length;
                gzip.Write(bytes, (int)offsets[k], bytes.Length - (int)offsets[k]);
                gzip.Dispose();
                file.SetLength(cut);
            }
            else
            {
                gzip.Write(bytes);
            }
        }

        if ((damage == DamageKind.TruncatedTgz || damage == DamageKind.CorruptTarHeader) && members.Count > 0)
        {
            for (var i = k; i < members.Count; i++) members[i].Survives = false;
        }

        return path;
    }

    private static string WriteFolder(string root, List<PlannedMember> members, DateTimeOffset time)
    {
        foreach (var member in members)
        {
            var file = Path.Combine(root, member.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllBytes(file, member.Bytes);
            File.SetLastWriteTimeUtc(file, time.UtcDateTime);
        }

        Directory.CreateDirectory(root);
        return root;
    }
}
