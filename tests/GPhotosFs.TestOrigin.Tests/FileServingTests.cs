using System.Net;
using System.Security.Cryptography;

namespace GPhotosFs.TestOrigin.Tests;

/// <summary>Blobs served from disk: big files streamed intact, directories by relative path, nothing outside them.</summary>
public sealed class FileServingTests() : OriginTest(new OriginOptions { ServeUnsignedFiles = true }), IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("gphotosfs-origin-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task A_64_MiB_file_streams_over_loopback_intact_whole_and_in_ranges()
    {
        var path = Path.Combine(_dir.FullName, "big.bin");
        var bytes = Bytes(64 << 20);
        await File.WriteAllBytesAsync(path, bytes);
        Server.AddFile("big", path);

        using var whole = await GetAsync(Server.UrlFor("big"), completion: HttpCompletionOption.ResponseHeadersRead);
        await using (var stream = await whole.Content.ReadAsStreamAsync())
        {
            Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
            Assert.Equal(bytes.Length, whole.Content.Headers.ContentLength);
            Assert.Equal(SHA256.HashData(bytes), await SHA256.HashDataAsync(stream));
        }

        // A range straddling the 1 MiB write size, off every alignment.
        const int first = (3 << 20) - 12345, last = (5 << 20) + 777;
        using var ranged = await GetAsync(Server.UrlFor("big"), $"bytes={first}-{last}");
        Assert.Equal(HttpStatusCode.PartialContent, ranged.StatusCode);
        Assert.Equal(bytes[first..(last + 1)], await ranged.Content.ReadAsByteArrayAsync());
        Assert.Equal(bytes.Length + (last - first + 1L), Server.Counters.BytesSent);
    }

    [Fact]
    public async Task A_directory_is_served_by_relative_path_and_picks_up_files_added_later()
    {
        Directory.CreateDirectory(Path.Combine(_dir.FullName, "2020", "05"));
        Server.AddDirectory(_dir.FullName);
        await File.WriteAllBytesAsync(Path.Combine(_dir.FullName, "2020", "05", "IMG 1.jpg"), Bytes(300));

        using var response = await GetAsync(Server.UnsignedUrlFor("2020/05/IMG 1.jpg"), "bytes=0-99");

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(Bytes(300)[..100], await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Nothing_outside_the_served_directory_is_reachable()
    {
        var served = Directory.CreateDirectory(Path.Combine(_dir.FullName, "served"));
        await File.WriteAllTextAsync(Path.Combine(_dir.FullName, "secret.txt"), "secret");
        Server.AddDirectory(served.FullName);

        // Encoded dots, so neither HttpClient nor Kestrel normalises them away before the origin sees them.
        using var traversal = await GetAsync(new Uri(Server.BaseUri, "files/%2E%2E/secret.txt"));
        using var directory = await GetAsync(Server.UnsignedUrlFor("served"));

        Assert.Equal(HttpStatusCode.NotFound, traversal.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, directory.StatusCode);
    }

    [Theory]
    [InlineData("../secret.txt")]
    [InlineData("sub/../../secret.txt")]
    [InlineData("/etc/hostname")]
    public async Task The_store_refuses_ids_that_climb_out_of_its_directory(string id)
    {
        // Kestrel already removes dot segments from paths; this is the check behind it, for ids that arrive some other way.
        var served = Directory.CreateDirectory(Path.Combine(_dir.FullName, "served"));
        Directory.CreateDirectory(Path.Combine(served.FullName, "sub"));
        await File.WriteAllTextAsync(Path.Combine(_dir.FullName, "secret.txt"), "secret");
        var store = new BlobStore();
        store.AddDirectory(served.FullName);

        using var content = store.Open(id);

        Assert.Null(content);
    }

    [Fact]
    public async Task A_file_deleted_after_it_was_added_answers_404()
    {
        var path = Path.Combine(_dir.FullName, "gone.bin");
        await File.WriteAllBytesAsync(path, Bytes(10));
        Server.AddFile("gone", path);
        File.Delete(path);

        using var response = await GetAsync(Server.UrlFor("gone"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public void Adding_a_missing_file_fails_at_once()
    {
        Assert.Throws<FileNotFoundException>(() => Server.AddFile("x", Path.Combine(_dir.FullName, "missing")));
    }
}
