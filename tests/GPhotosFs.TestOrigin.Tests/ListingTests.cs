using System.Net;

namespace GPhotosFs.TestOrigin.Tests;

/// <summary>Folder index pages for clients that browse (rclone's http backend): only when asked for, links relative and escaped.</summary>
public sealed class ListingTests() : OriginTest(new OriginOptions { ServeUnsignedFiles = true, ServeListings = true }), IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("gphotosfs-origin-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task A_folder_with_a_trailing_slash_lists_its_files_and_subfolders_as_relative_links()
    {
        Directory.CreateDirectory(Path.Combine(_dir.FullName, "2020", "05"));
        await File.WriteAllBytesAsync(Path.Combine(_dir.FullName, "2020", "05", "IMG 1&2.jpg"), Bytes(10));
        await File.WriteAllBytesAsync(Path.Combine(_dir.FullName, "2020", "a.bin"), Bytes(10));
        Server.AddDirectory(_dir.FullName);

        using var top = await GetAsync(new Uri(Server.BaseUri, "files/"));
        using var year = await GetAsync(Server.UnsignedUrlFor("2020/"));
        using var month = await GetAsync(Server.UnsignedUrlFor("2020/05/"));

        Assert.Equal(HttpStatusCode.OK, top.StatusCode);
        Assert.Equal("text/html", top.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<a href=\"2020/\">2020/</a>", await top.Content.ReadAsStringAsync());
        var yearPage = await year.Content.ReadAsStringAsync();
        Assert.Contains("<a href=\"05/\">05/</a>", yearPage);
        Assert.Contains("<a href=\"a.bin\">a.bin</a>", yearPage);
        Assert.Contains("<a href=\"IMG%201%262.jpg\">IMG 1&amp;2.jpg</a>", await month.Content.ReadAsStringAsync());
        Assert.Equal(3, Server.Counters.TotalRequests);
    }

    [Fact]
    public async Task A_missing_folder_or_one_outside_the_tree_answers_404()
    {
        var served = Directory.CreateDirectory(Path.Combine(_dir.FullName, "served"));
        Directory.CreateDirectory(Path.Combine(_dir.FullName, "other"));
        Server.AddDirectory(served.FullName);

        using var missing = await GetAsync(Server.UnsignedUrlFor("nope/"));
        using var outside = await GetAsync(new Uri(Server.BaseUri, "files/%2E%2E/"));

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
    }
}

/// <summary>Without <see cref="OriginOptions.ServeListings"/> a folder is not a page (the default the download tests rely on).</summary>
public sealed class NoListingTests() : OriginTest(new OriginOptions { ServeUnsignedFiles = true }), IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("gphotosfs-origin-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task A_folder_is_404_when_listings_are_off()
    {
        Directory.CreateDirectory(Path.Combine(_dir.FullName, "2020"));
        Server.AddDirectory(_dir.FullName);

        using var response = await GetAsync(Server.UnsignedUrlFor("2020/"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
