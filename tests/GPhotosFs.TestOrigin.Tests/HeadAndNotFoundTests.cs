using System.Net;

namespace GPhotosFs.TestOrigin.Tests;

public sealed class HeadAndNotFoundTests : OriginTest
{
    [Fact]
    public async Task Head_answers_the_headers_of_a_get_without_a_body()
    {
        Server.AddBlob("a", Bytes(5000));

        using var response = await SendAsync(HttpMethod.Head, Server.UrlFor("a"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(5000, response.Content.Headers.ContentLength);
        Assert.Equal("bytes", Assert.Single(response.Headers.AcceptRanges));
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(0, Server.Counters.BytesSent);
    }

    [Fact]
    public async Task Head_with_a_range_answers_206_headers()
    {
        Server.AddBlob("a", Bytes(5000));

        using var response = await SendAsync(HttpMethod.Head, Server.UrlFor("a"), "bytes=10-19");

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(10, response.Content.Headers.ContentLength);
        Assert.Equal("bytes 10-19/5000", response.Content.Headers.ContentRange?.ToString());
    }

    [Fact]
    public async Task An_unknown_id_answers_404_with_a_google_style_error()
    {
        using var response = await GetAsync(Server.UrlFor("nope"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("\"status\":\"NOT_FOUND\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_removed_blob_answers_404()
    {
        Server.AddBlob("a", Bytes(10));
        Assert.True(Server.RemoveBlob("a"));

        using var response = await GetAsync(Server.UrlFor("a"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Paths_outside_media_answer_404_and_unsigned_files_are_off_by_default()
    {
        Server.AddBlob("a", Bytes(10));

        using var root = await GetAsync(Server.BaseUri);
        using var unsigned = await GetAsync(Server.UnsignedUrlFor("a"));

        Assert.Equal(HttpStatusCode.NotFound, root.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unsigned.StatusCode);
    }

    [Fact]
    public async Task Methods_other_than_get_and_head_answer_405()
    {
        Server.AddBlob("a", Bytes(10));

        using var response = await SendAsync(HttpMethod.Post, Server.UrlFor("a"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("GET", response.Content.Headers.Allow);
    }
}
