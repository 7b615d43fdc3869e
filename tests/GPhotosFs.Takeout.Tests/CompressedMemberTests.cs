using System.Formats.Tar;
using System.IO.Compression;
using GPhotosFs.Takeout.Archives;
using GPhotosFs.Takeout.Indexing;
using GPhotosFs.Takeout.Samples;
using GPhotosFs.Vfs.Content;

namespace GPhotosFs.Takeout.Tests;

/// <summary>Members served through the cache: .tgz reads continue one pass, damaged members are never served.</summary>
public sealed class CompressedMemberTests : IDisposable
{
    private readonly TakeoutLibrary _library = new();

    public void Dispose() => _library.Dispose();

    [Fact]
    public async Task ReadingTgzItemsInArchiveOrderDecompressesThePartOnce()
    {
        var members = SampleTakeout.Bulk(60);
        var parts = _library.Write("tgz", "takeout-bulk", members, parts: 1);
        _library.Add(parts);
        using var content = _library.Content();
        var items = _library.Catalog.ReadTreeItems().Select(r => _library.Catalog.GetItem(r.Id)!)
            .OrderBy(i => MemberLocator.TryParse(i.Locator)!.Position).ToList();
        Assert.Equal(60, items.Count);
        foreach (var item in items)
        {
            using var opened = await content.OpenAsync(item, CancellationToken.None);
            var bytes = await TakeoutLibrary.ReadAllAsync(opened);
            Assert.Equal(members.First(m => Path.GetFileName(m.Path) == item.FileName).Bytes, bytes);
        }

        var passes = Assert.Single(content.Opener.TarPassesStarted.Values);
        Assert.True(passes <= 2, $"{passes} passes over the part for 60 items read in archive order");
    }

    [Fact]
    public async Task ACorruptDeflatedMemberFailsAndIsNotCached()
    {
        var photo = SampleTakeout.Photo(1, new DateTimeOffset(2019, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var members = new List<TakeoutMember>
        {
            new("Takeout/Google Photos/Photos from 2019/IMG_20190101_000000.jpg", photo),
        };
        var part = _library.Write("zip-deflated", "takeout-bad", members, parts: 1)[0];
        _library.Add(part);
        var item = _library.Item("IMG_20190101_000000.jpg");
        var locator = MemberLocator.TryParse(item.Locator)!;
        Assert.Equal(MemberMethod.ZipDeflated, locator.Method);

        // Flip bytes in the middle of the compressed data (the directory stays intact).
        var bytes = File.ReadAllBytes(part);
        var middle = (int)(locator.Position + 30 + locator.Path.Length + locator.CompressedSize / 2);
        for (var i = 0; i < 16; i++)
        {
            bytes[middle + i] ^= 0x5A;
        }

        File.WriteAllBytes(part, bytes);
        using var content = _library.Content();
        await Assert.ThrowsAsync<ContentUnavailableException>(async () =>
        {
            using var opened = await content.OpenAsync(item, CancellationToken.None);
            await TakeoutLibrary.ReadAllAsync(opened);
        });
        Assert.False(File.Exists(content.Cache.CachePathOf(item)));
    }

    [Theory]
    [InlineData("zip-deflated")]
    [InlineData("tgz")]
    public async Task AMotionPhotoWithItsVideoAfterTheJpegEndIsServedThroughTheCache(string format)
    {
        // Pixel motion photos append an MP4 after the JPEG's end marker: no FFD9 at the end.
        var when = new DateTimeOffset(2021, 12, 24, 19, 0, 0, TimeSpan.Zero);
        var motion = SampleTakeout.Photo(1, when).Concat(SampleTakeout.Video(2, when)).ToArray();
        var members = new List<TakeoutMember>
        {
            new("Takeout/Google Photos/Photos from 2021/PXL_20211224_190000123.MP.jpg", motion),
            new("Takeout/Google Photos/Photos from 2021/PXL_20211224_190000123.MP.jpg.json", TakeoutJson.Sidecar("PXL_20211224_190000123.MP.jpg", when)),
        };
        _library.Add(_library.Write(format, "takeout-motion", members, parts: 1));
        using var content = _library.Content();
        var item = _library.Item("PXL_20211224_190000123.MP.jpg");
        using (var opened = await content.OpenAsync(item, CancellationToken.None))
        {
            Assert.Equal(motion, await TakeoutLibrary.ReadAllAsync(opened));
        }

        Assert.True(SpinWait.SpinUntil(() => File.Exists(content.Cache.CachePathOf(item)), TimeSpan.FromSeconds(10)), "not committed to the cache");
        Assert.Equal(motion, File.ReadAllBytes(content.Cache.CachePathOf(item)));
    }

    [Fact]
    public void HostileTarNamesNeverEscape()
    {
        var path = Path.Combine(_library.Exports, "hostile.tgz");
        using (var file = File.Create(path))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            foreach (var name in new[] { "../../etc/evil.jpg", "/abs/Takeout/Google Photos/Photos from 2019/a.jpg", "Takeout/Google Photos/Photos from 2019/ok.jpg" })
            {
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream([1, 2, 3]) });
            }

            tar.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, "Takeout/Google Photos/Photos from 2019/link.jpg") { LinkName = "/etc/passwd" });
        }

        var scan = PartReader.Scan(path, "p", PartKind.TarGzip, new IndexCounters());
        Assert.Null(scan.Error);
        Assert.Equal(["Takeout/Google Photos/Photos from 2019/ok.jpg"], scan.Entries.Select(e => e.Path).Order(StringComparer.Ordinal));
        Assert.Equal(
            ["../../etc/evil.jpg: path with a '..' segment", "/abs/Takeout/Google Photos/Photos from 2019/a.jpg: absolute path", "Takeout/Google Photos/Photos from 2019/link.jpg: link (Takeout holds none); refused"],
            scan.Rejected.Select(r => $"{r.Member}: {r.Reason}").ToArray());
    }
}
