using System.Formats.Tar;
using System.IO.Compression;
using GPhotosFs.Takeout.Samples;

namespace GPhotosFs.Takeout.Tests;

/// <summary>
/// A damaged or cut .tgz is a named part error in words (issue 10, points 6 and 13): never a
/// silent end of the listing, never the runtime's own message; the members before the damage stay.
/// </summary>
public sealed class DamagedTarTests : IDisposable
{
    private const string Folder = "Takeout/Google Photos/Photos from 2019";
    private readonly TakeoutLibrary _library = new();

    public void Dispose() => _library.Dispose();

    /// <summary>A ustar stream of three 1000-byte photos: headers at 0, 1536 and 3072.</summary>
    private static byte[] ThreeMemberTar()
    {
        var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Ustar, leaveOpen: true))
        {
            foreach (var name in new[] { "a.jpg", "b.jpg", "c.jpg" })
            {
                var data = new byte[1000];
                new Random(name[0]).NextBytes(data);
                writer.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, $"{Folder}/{name}") { DataStream = new MemoryStream(data), ModificationTime = new DateTimeOffset(2019, 7, 1, 0, 0, 0, TimeSpan.Zero) });
            }
        }

        return tar.ToArray();
    }

    private string WriteTgz(byte[] tar, string name = "takeout-20250101T000000Z-001.tgz")
    {
        var path = Path.Combine(_library.Exports, name);
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        gzip.Write(tar);
        return path;
    }

    [Theory]
    [InlineData(0x00)] // a zeroed header block: the tar reader takes it for the end
    [InlineData(0x41)] // garbage: a header whose checksum fails
    public void A_damaged_header_in_the_middle_is_a_named_part_error_and_the_members_before_it_stay(byte fill)
    {
        var tar = ThreeMemberTar();
        tar.AsSpan(1536, 512).Fill(fill);
        var part = WriteTgz(tar);

        var result = _library.Add(part);

        var error = Assert.Single(result.PartErrors);
        Assert.StartsWith("takeout-20250101T000000Z-001.tgz: damaged tar header after", error, StringComparison.Ordinal);
        Assert.Contains("a.jpg", error, StringComparison.Ordinal);
        Assert.Equal(["photos/2019/07/a.jpg"], _library.PhotoPaths());
        Assert.NotNull(Assert.Single(_library.Indexer.ListParts()).LastError);
    }

    [Fact]
    public void A_truncated_tgz_says_so_in_words_naming_the_part()
    {
        var tar = ThreeMemberTar();
        var whole = WriteTgz(tar);
        var bytes = File.ReadAllBytes(whole);
        File.WriteAllBytes(whole, bytes[..(bytes.Length / 2)]);

        var result = _library.Add(whole);

        var error = Assert.Single(result.PartErrors);
        Assert.StartsWith("takeout-20250101T000000Z-001.tgz: ", error, StringComparison.Ordinal);
        Assert.Contains("truncated", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unable to read", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tgz_cut_at_a_member_boundary_without_the_end_marker_is_truncated()
    {
        var tar = ThreeMemberTar();
        var part = WriteTgz(tar[..3072]); // a and b whole, then nothing: no end-of-archive blocks

        var result = _library.Add(part);

        var error = Assert.Single(result.PartErrors);
        Assert.StartsWith("takeout-20250101T000000Z-001.tgz: ", error, StringComparison.Ordinal);
        Assert.Contains("truncated", error, StringComparison.Ordinal);
        Assert.Equal(["photos/2019/07/a.jpg", "photos/2019/07/b.jpg"], _library.PhotoPaths());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    public void An_empty_or_nearly_empty_tgz_is_refused_in_words(int length)
    {
        var part = Path.Combine(_library.Exports, "takeout-20250101T000000Z-001.tgz");
        File.WriteAllBytes(part, new byte[length]);
        if (length > 0)
        {
            File.WriteAllBytes(part, [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]);
        }

        var result = _library.Add(part);

        var refused = Assert.Single(result.Refused);
        Assert.StartsWith("takeout-20250101T000000Z-001.tgz: ", refused, StringComparison.Ordinal);
        Assert.DoesNotContain("Unable to read", refused, StringComparison.Ordinal);
        Assert.Empty(_library.Indexer.ListParts());
    }
}
