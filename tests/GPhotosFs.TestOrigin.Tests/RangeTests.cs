using System.Net;

namespace GPhotosFs.TestOrigin.Tests;

public sealed class RangeTests : OriginTest
{
    private readonly byte[] _blob = Bytes(10_000);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Server.AddBlob("photo", _blob);
    }

    private Uri Url => Server.UrlFor("photo");

    [Fact]
    public async Task No_range_answers_200_with_the_whole_blob()
    {
        using var response = await GetAsync(Url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(_blob.Length, response.Content.Headers.ContentLength);
        Assert.Null(response.Content.Headers.ContentRange);
        Assert.Equal("bytes", Assert.Single(response.Headers.AcceptRanges));
        Assert.Equal(_blob, await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("bytes=0-0", 0, 0)]
    [InlineData("bytes=100-4099", 100, 4099)]
    [InlineData("bytes=9000-", 9000, 9999)]
    [InlineData("bytes=9999-9999", 9999, 9999)] // the last byte
    [InlineData("bytes=-1", 9999, 9999)] // the last byte, as a suffix range
    [InlineData("bytes=-500", 9500, 9999)]
    [InlineData("bytes=9990-20000", 9990, 9999)] // a last past the end is clamped
    [InlineData("bytes=-20000", 0, 9999)] // a suffix longer than the blob is all of it
    public async Task A_range_answers_206_with_exactly_those_bytes(string range, int first, int last)
    {
        using var response = await GetAsync(Url, range);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal($"bytes {first}-{last}/{_blob.Length}", response.Content.Headers.ContentRange?.ToString());
        Assert.Equal(last - first + 1, response.Content.Headers.ContentLength);
        Assert.Equal(_blob[first..(last + 1)], await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("bytes=10000-")]
    [InlineData("bytes=10000-10005")]
    [InlineData("bytes=-0")]
    public async Task A_range_past_the_end_answers_416_naming_the_size(string range)
    {
        using var response = await GetAsync(Url, range);

        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, response.StatusCode);
        Assert.Equal($"bytes */{_blob.Length}", response.Content.Headers.ContentRange?.ToString());
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("bytes=0-1,5-6")] // several ranges
    [InlineData("items=0-1")] // another unit
    [InlineData("bytes=5-1")] // last before first
    [InlineData("bytes=abc")]
    public async Task A_range_the_origin_does_not_honour_answers_200_with_the_whole_blob(string range)
    {
        using var response = await GetAsync(Url, range);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(_blob, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task An_empty_blob_answers_200_empty_and_416_for_any_range()
    {
        Server.AddBlob("empty", []);

        using var whole = await GetAsync(Server.UrlFor("empty"));
        using var ranged = await GetAsync(Server.UrlFor("empty"), "bytes=0-");

        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        Assert.Equal(0, whole.Content.Headers.ContentLength);
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, ranged.StatusCode);
        Assert.Equal("bytes */0", ranged.Content.Headers.ContentRange?.ToString());
    }

    [Theory]
    [InlineData("album 1/IMG 0001 (2).jpg")]
    [InlineData("Été/100%+#?&=.jpg")]
    [InlineData("AF1QipN-x_y~z")] // the shape of real media item ids
    public async Task Ids_with_slashes_and_url_special_characters_survive_the_url(string id)
    {
        Server.AddBlob(id, _blob);

        using var response = await GetAsync(Server.UrlFor(id), "bytes=1-2");

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(_blob[1..3], await response.Content.ReadAsByteArrayAsync());
    }
}
