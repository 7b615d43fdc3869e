using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using GPhotosFs.Takeout.Archives;
using GPhotosFs.Takeout.Samples;

namespace GPhotosFs.Takeout.Tests;

public sealed class ZipDirectoryTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static List<ArchiveEntry> ReadDirectory(string path, List<string> warnings, List<RejectedMember>? rejected = null)
    {
        using var handle = File.OpenHandle(path);
        return ZipDirectory.Read(handle, Path.GetFileName(path), warnings, rejected);
    }

    [Fact]
    public void StoredAndDeflatedMembersReadBackByteIdentical()
    {
        var photo = SampleTakeout.Photo(1, DateTimeOffset.UnixEpoch.AddYears(50));
        var members = new List<TakeoutMember> { new("Takeout/a/stored.jpg", photo), new("Takeout/a/deflated.jpg", photo) };
        var stored = TakeoutExportWriter.WriteZip(_temp.Path, "s", members.Take(1).ToList(), 1, deflate: false)[0];
        var deflated = TakeoutExportWriter.WriteZip(_temp.Path, "d", members.Skip(1).ToList(), 1, deflate: true)[0];
        var warnings = new List<string>();

        var storedEntry = Assert.Single(ReadDirectory(stored, warnings));
        Assert.Equal(MemberMethod.ZipStored, storedEntry.Method);
        var deflatedEntry = Assert.Single(ReadDirectory(deflated, warnings));
        Assert.Equal(MemberMethod.ZipDeflated, deflatedEntry.Method);
        Assert.True(deflatedEntry.CompressedSize < deflatedEntry.Size);

        foreach (var (path, entry) in new[] { (stored, storedEntry), (deflated, deflatedEntry) })
        {
            using var stream = PartReader.OpenZipMember(path, entry);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            Assert.Equal(photo, copy.ToArray());
        }

        // In place: the stored member's bytes sit at its data offset.
        using var handle = File.OpenHandle(stored);
        var offset = ZipDirectory.DataOffset(handle, storedEntry.Position, storedEntry.CompressedSize, "s", storedEntry.Path);
        var inPlace = new byte[photo.Length];
        RandomAccess.Read(handle, inPlace, offset);
        Assert.Equal(photo, inPlace);
        Assert.Empty(warnings);
    }

    [Fact]
    public void HostileNamesNeverEscapeAndNeverCrash()
    {
        var path = _temp.Combine("hostile.zip");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            foreach (var name in new[] { "../../etc/passwd", "/abs/x.jpg", "C:\\Windows\\y.jpg", "ok/../../z.jpg", "nul\0byte.jpg", "ctl\u0001.jpg", "./Takeout/./fine.jpg" })
            {
                using var s = zip.CreateEntry(name, CompressionLevel.NoCompression).Open();
                s.Write("x"u8);
            }
        }

        var warnings = new List<string>();
        var rejected = new List<RejectedMember>();
        var entries = ReadDirectory(path, warnings, rejected);
        // Absolute, drive-letter and ".." names are rejected (named, with the reason), never shown;
        // control characters become '_' and the rename is reported.
        Assert.Equal(["Takeout/fine.jpg", "ctl_.jpg", "nul_byte.jpg"], entries.Select(e => e.Path).Order(StringComparer.Ordinal).ToArray());
        Assert.All(entries, e => Assert.DoesNotContain("..", e.Path, StringComparison.Ordinal));
        Assert.All(entries, e => Assert.False(Path.IsPathRooted(e.Path)));
        Assert.Equal(
            ["../../etc/passwd: path with a '..' segment", "/abs/x.jpg: absolute path", "C:\\Windows\\y.jpg: drive-letter path", "ok/../../z.jpg: path with a '..' segment"],
            rejected.Select(r => $"{r.Member}: {r.Reason}").ToArray());
        Assert.Equal(2, warnings.Count);
        Assert.All(warnings, w => Assert.Contains("has control characters in its name; shown as", w, StringComparison.Ordinal));
    }

    [Fact]
    public void ZipBombIsSkippedByRatioAndAnOverlongMemberIsRefused()
    {
        var path = _temp.Combine("bomb.zip");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            using var s = zip.CreateEntry("Takeout/Google Photos/Photos from 2019/bomb.jpg", CompressionLevel.Optimal).Open();
            s.Write(new byte[32 << 20]); // 32 MiB of zeros deflate about 1000:1
        }

        var warnings = new List<string>();
        var rejected = new List<RejectedMember>();
        Assert.Empty(ReadDirectory(path, warnings, rejected));
        Assert.Contains(rejected, r => r.Reason.Contains("compression bomb", StringComparison.Ordinal) && r.Member.EndsWith("bomb.jpg", StringComparison.Ordinal));

        // A directory that declares fewer bytes than the member inflates to: refused while reading.
        var liar = _temp.Combine("liar.zip");
        using (var zip = ZipFile.Open(liar, ZipArchiveMode.Create))
        {
            using var s = zip.CreateEntry("Takeout/x.json", CompressionLevel.Optimal).Open();
            s.Write(Encoding.UTF8.GetBytes(new string('a', 5000)));
        }

        var entry = Assert.Single(ReadDirectory(liar, warnings));
        using var stream = PartReader.OpenZipMember(liar, entry with { Size = 100 });
        var error = Assert.Throws<InvalidDataException>(() => stream.CopyTo(Stream.Null));
        Assert.Contains("more bytes than its declared 100", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedPartThrowsNamingThePart()
    {
        var parts = TakeoutExportWriter.WriteZip(_temp.Path, "cut", [new("Takeout/a.jpg", new byte[10000])], 1, deflate: false);
        var bytes = File.ReadAllBytes(parts[0]);
        File.WriteAllBytes(parts[0], bytes[..(bytes.Length / 2)]);
        var error = Assert.Throws<TakeoutPartException>(() => ReadDirectory(parts[0], []));
        Assert.StartsWith("cut-001.zip:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Zip64DirectoryAndExtraFieldsAreRead()
    {
        var path = _temp.Combine("zip64.zip");
        var data = Encoding.UTF8.GetBytes("hello zip64");
        File.WriteAllBytes(path, HandMadeZip64("Takeout/Google Photos/Photos from 2019/a.jpg", data));
        var warnings = new List<string>();
        var entry = Assert.Single(ReadDirectory(path, warnings));
        Assert.Equal(data.Length, entry.Size);
        Assert.Equal(0, entry.Position);
        using var stream = PartReader.OpenZipMember(path, entry);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        Assert.Equal(data, copy.ToArray());
    }

    /// <summary>A one-member zip whose sizes and offsets are all in zip64 form (0xFFFFFFFF in the 32-bit fields).</summary>
    private static byte[] HandMadeZip64(string name, byte[] data)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var crc = Crc32.Append(0, data);
        using var output = new MemoryStream();
        var w = new BinaryWriter(output);
        // local header
        w.Write(0x04034b50u); w.Write((ushort)45); w.Write((ushort)0x800); w.Write((ushort)0); w.Write(0u); w.Write(crc);
        w.Write(uint.MaxValue); w.Write(uint.MaxValue); w.Write((ushort)nameBytes.Length); w.Write((ushort)20);
        w.Write(nameBytes); w.Write((ushort)1); w.Write((ushort)16); w.Write((long)data.Length); w.Write((long)data.Length);
        w.Write(data);
        var directoryOffset = output.Position;
        // central directory entry
        w.Write(0x02014b50u); w.Write((ushort)45); w.Write((ushort)45); w.Write((ushort)0x800); w.Write((ushort)0); w.Write(0u); w.Write(crc);
        w.Write(uint.MaxValue); w.Write(uint.MaxValue); w.Write((ushort)nameBytes.Length); w.Write((ushort)28); w.Write((ushort)0);
        w.Write((ushort)0); w.Write((ushort)0); w.Write(0u); w.Write(uint.MaxValue);
        w.Write(nameBytes); w.Write((ushort)1); w.Write((ushort)24); w.Write((long)data.Length); w.Write((long)data.Length); w.Write(0L);
        var directorySize = output.Position - directoryOffset;
        var zip64End = output.Position;
        w.Write(0x06064b50u); w.Write(44L); w.Write((ushort)45); w.Write((ushort)45); w.Write(0u); w.Write(0u);
        w.Write(1L); w.Write(1L); w.Write(directorySize); w.Write(directoryOffset);
        w.Write(0x07064b50u); w.Write(0u); w.Write(zip64End); w.Write(1u);
        w.Write(0x06054b50u); w.Write((ushort)0); w.Write((ushort)0); w.Write(ushort.MaxValue); w.Write(ushort.MaxValue);
        w.Write(uint.MaxValue); w.Write(uint.MaxValue); w.Write((ushort)0);
        w.Flush();
        var bytes = output.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(0, 4), 0x04034b50u);
        return bytes;
    }

    [Fact]
    public void A_zip_symlink_entry_is_rejected_not_shown_as_a_file_holding_its_target()
    {
        var path = _temp.Combine("links.zip");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            var link = zip.CreateEntry("Takeout/Google Photos/Photos from 2019/link.jpg", CompressionLevel.NoCompression);
            link.ExternalAttributes = unchecked((int)(0xA1FFu << 16)); // S_IFLNK | 0777, as Info-ZIP writes a link
            using (var s = link.Open())
            {
                s.Write("/etc/passwd"u8);
            }

            using var ok = zip.CreateEntry("Takeout/Google Photos/Photos from 2019/ok.jpg", CompressionLevel.NoCompression).Open();
            ok.Write("x"u8);
        }

        // System.IO.Compression writes "made by" Unix on Linux, as Info-ZIP does.
        var rejected = new List<RejectedMember>();
        var entries = ReadDirectory(path, [], rejected);
        Assert.Equal(["Takeout/Google Photos/Photos from 2019/ok.jpg"], entries.Select(e => e.Path).ToArray());
        var refused = Assert.Single(rejected);
        Assert.Equal("Takeout/Google Photos/Photos from 2019/link.jpg", refused.Member);
        Assert.Contains("symbolic link", refused.Reason, StringComparison.Ordinal);
    }
}
