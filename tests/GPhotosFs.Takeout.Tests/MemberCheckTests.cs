using GPhotosFs.Takeout.Samples;

namespace GPhotosFs.Takeout.Tests;

/// <summary>One set of member checks for zip and tar (issue 10, points 4 and 5): bombs refused, no unchecked last byte.</summary>
public sealed class MemberCheckTests : IDisposable
{
    private const string Folder = "Takeout/Google Photos/Photos from 2019";
    private readonly TakeoutLibrary _library = new();

    public void Dispose() => _library.Dispose();

    [Fact]
    public void A_tgz_bomb_member_is_refused_like_a_zip_bomb()
    {
        var good = SampleTakeout.Photo(61, new DateTimeOffset(2019, 7, 1, 0, 0, 0, TimeSpan.Zero));
        var parts = TakeoutExportWriter.WriteTgz(_library.Exports, "takeout-20250101T000000Z",
            [new($"{Folder}/bomb.jpg", new byte[64 << 20]), new($"{Folder}/good.jpg", good)], 1);

        var result = _library.Add(parts);

        var bomb = Assert.Single(result.Rejected);
        Assert.Equal($"{Folder}/bomb.jpg", bomb.Member);
        Assert.Contains("compression bomb", bomb.Reason, StringComparison.Ordinal);
        Assert.Equal(["photos/2019/07/good.jpg"], _library.PhotoPaths());
    }

    [Fact]
    public async Task A_stored_zip_member_that_fails_its_CRC_is_never_served_whole_in_place()
    {
        var photo = SampleTakeout.Photo(62, new DateTimeOffset(2019, 7, 1, 0, 0, 0, TimeSpan.Zero));
        var part = TakeoutExportWriter.WriteZip(_library.Exports, "takeout-20250101T000000Z", [new($"{Folder}/bad.jpg", photo)], 1, deflate: false).Single();
        var bytes = File.ReadAllBytes(part);
        var at = bytes.AsSpan().IndexOf(photo.AsSpan(0, 64)) + photo.Length / 2;
        bytes[at] ^= 0xff; // damage in the data; the directory's CRC stays
        File.WriteAllBytes(part, bytes);
        _library.Add(part);

        using var content = _library.Content();
        using var opened = await content.OpenAsync(_library.Item("bad.jpg"), CancellationToken.None);
        // Everything but the last byte may be read; the read that would deliver it fails.
        var head = new byte[photo.Length - 1];
        Assert.Equal(head.Length, await opened.ReadAsync(0, head, CancellationToken.None));
        var error = await Assert.ThrowsAsync<IOException>(async () => await opened.ReadAsync(photo.Length - 1, new byte[1], CancellationToken.None));
        Assert.Contains("fails its CRC-32 check", error.Message, StringComparison.Ordinal);
        Assert.Contains("bad.jpg", error.Message, StringComparison.Ordinal);

        // A reader that starts at the end (no running CRC) is refused too.
        using var again = await content.OpenAsync(_library.Item("bad.jpg"), CancellationToken.None);
        await Assert.ThrowsAsync<IOException>(async () => await again.ReadAsync(photo.Length - 10, new byte[10], CancellationToken.None));
    }

    [Fact]
    public async Task A_good_stored_member_is_read_in_place_and_verified_once()
    {
        var photo = SampleTakeout.Photo(63, new DateTimeOffset(2019, 7, 1, 0, 0, 0, TimeSpan.Zero));
        var part = TakeoutExportWriter.WriteZip(_library.Exports, "takeout-20250101T000000Z", [new($"{Folder}/good.jpg", photo)], 1, deflate: false).Single();
        _library.Add(part);

        using var content = _library.Content();
        using var opened = await content.OpenAsync(_library.Item("good.jpg"), CancellationToken.None);
        var tail = new byte[10];
        Assert.Equal(10, await opened.ReadAsync(photo.Length - 10, tail, CancellationToken.None));
        Assert.Equal(photo[^10..], tail);
        Assert.Equal(photo, await TakeoutLibrary.ReadAllAsync(opened));
    }
}
