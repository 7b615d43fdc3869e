using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using GPhotosFs.GoogleEmulator;
using GPhotosFs.Tests.Shared.Time;

namespace GPhotosFs.Google.Tests;

/// <summary>The emulator answers as Google documents: limits, per-item status, expiry, quotas, picker preconditions.</summary>
public sealed class EmulatorTests
{
    [Fact]
    public async Task Lists_every_item_once_in_pages_of_at_most_100_and_rejects_larger_pages()
    {
        await using var h = await GoogleHarness.StartAsync(new EmulatorOptions { ItemCount = 10_250, AlbumCount = 3 });
        using var http = await AuthorizedClientAsync(h);
        var tooBig = await http.GetAsync(Api(h, "v1/mediaItems?pageSize=101"));
        Assert.Equal(HttpStatusCode.BadRequest, tooBig.StatusCode);
        Assert.Contains("INVALID_ARGUMENT", await tooBig.Content.ReadAsStringAsync());

        var ids = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            using var page = JsonDocument.Parse(await http.GetStringAsync(Api(h, "v1/mediaItems?pageSize=100" + (token is null ? "" : "&pageToken=" + Uri.EscapeDataString(token)))));
            var items = page.RootElement.GetProperty("mediaItems");
            Assert.True(items.GetArrayLength() <= 100);
            ids.AddRange(items.EnumerateArray().Select(i => i.GetProperty("id").GetString()!));
            token = page.RootElement.TryGetProperty("nextPageToken", out var next) ? next.GetString() : null;
            pages++;
        }
        while (token is not null);
        Assert.Equal(103, pages);
        Assert.Equal(10_250, ids.Distinct().Count());

        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync(Api(h, "v1/albums?pageSize=51"))).StatusCode);
        using var albums = JsonDocument.Parse(await http.GetStringAsync(Api(h, "v1/albums?pageSize=50")));
        Assert.Equal(3, albums.RootElement.GetProperty("albums").GetArrayLength());
    }

    [Fact]
    public async Task BatchGet_takes_at_most_50_ids_and_answers_each_with_an_item_or_a_status()
    {
        await using var h = await GoogleHarness.StartAsync(new EmulatorOptions { ItemCount = 100 });
        using var http = await AuthorizedClientAsync(h);
        var tooMany = string.Join('&', Enumerable.Range(0, 51).Select(n => "mediaItemIds=" + h.Emulator.Library.IdOf(n)));
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync(Api(h, "v1/mediaItems:batchGet?" + tooMany))).StatusCode);

        h.Emulator.Library.Remove(2);
        var query = string.Join('&', new[] { 1, 2, 3 }.Select(n => "mediaItemIds=" + h.Emulator.Library.IdOf(n)));
        using var answer = JsonDocument.Parse(await http.GetStringAsync(Api(h, "v1/mediaItems:batchGet?" + query)));
        var results = answer.RootElement.GetProperty("mediaItemResults").EnumerateArray().ToList();
        Assert.Equal(h.Emulator.Library.IdOf(1), results[0].GetProperty("mediaItem").GetProperty("id").GetString());
        Assert.Equal(5, results[1].GetProperty("status").GetProperty("code").GetInt32());
        Assert.False(results[1].TryGetProperty("mediaItem", out _));
        Assert.Equal(h.Emulator.Library.IdOf(3), results[2].GetProperty("mediaItem").GetProperty("id").GetString());
    }

    [Fact]
    public async Task BaseUrls_serve_real_originals_with_ranges_and_expire()
    {
        await using var h = await GoogleHarness.StartAsync(new EmulatorOptions { ItemCount = 30, VideoEvery = 10 });
        using var http = await AuthorizedClientAsync(h);
        using var page = JsonDocument.Parse(await http.GetStringAsync(Api(h, "v1/mediaItems?pageSize=20")));
        var items = page.RootElement.GetProperty("mediaItems").EnumerateArray().ToList();
        var photo = items[0].GetProperty("baseUrl").GetString()!;
        var video = items[9].GetProperty("baseUrl").GetString()!;
        Assert.Equal("video/quicktime", items[9].GetProperty("mimeType").GetString());

        using var plain = new HttpClient(); // no Authorization: Library baseUrls need none
        var bytes = await plain.GetByteArrayAsync(photo + "=d");
        Assert.Equal(h.Emulator.Library.Bytes(0), bytes);
        Assert.Equal(new byte[] { 0xFF, 0xD8 }, bytes[..2]);
        Assert.True(bytes.AsSpan(0, 64).IndexOf("Exif"u8) >= 0, "the JPEG carries an EXIF segment");
        Assert.Equal(h.Emulator.Library.Bytes(9), await plain.GetByteArrayAsync(video + "=dv"));
        Assert.Equal(HttpStatusCode.BadRequest, (await plain.GetAsync(photo)).StatusCode); // no =d: not the original

        using var range = new HttpRequestMessage(HttpMethod.Get, photo + "=d");
        range.Headers.Range = new RangeHeaderValue(0, 0);
        using var ranged = await plain.SendAsync(range);
        Assert.Equal(HttpStatusCode.PartialContent, ranged.StatusCode);
        Assert.Equal(bytes.Length, ranged.Content.Headers.ContentRange!.Length);

        h.Emulator.Faults.ExpireAllUrls();
        Assert.Equal(HttpStatusCode.Forbidden, (await plain.GetAsync(photo + "=d")).StatusCode);
    }

    [Fact]
    public async Task BaseUrls_expire_after_the_configured_lifetime()
    {
        // The emulator's clock moves only when this test moves it: a slow machine cannot expire the URL early.
        var clock = new ObservedClock();
        await using var h = await GoogleHarness.StartAsync(new EmulatorOptions { ItemCount = 3, UrlLifetime = TimeSpan.FromMilliseconds(300) }, time: clock);
        using var http = await AuthorizedClientAsync(h);
        using var page = JsonDocument.Parse(await http.GetStringAsync(Api(h, "v1/mediaItems")));
        var url = page.RootElement.GetProperty("mediaItems")[0].GetProperty("baseUrl").GetString() + "=d";
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(url)).StatusCode);
        clock.Advance(TimeSpan.FromMilliseconds(299));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(url)).StatusCode);
        clock.Advance(TimeSpan.FromMilliseconds(2));
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task Answers_429_per_day_once_the_daily_quota_is_spent_and_429_storms_with_retry_after()
    {
        await using var h = await GoogleHarness.StartAsync(new EmulatorOptions { ItemCount = 3, ApiDailyQuota = 2 });
        using var http = await AuthorizedClientAsync(h);
        h.Emulator.Faults.ApiStorm(1);
        var storm = await http.GetAsync(Api(h, "v1/mediaItems"));
        Assert.Equal((HttpStatusCode)429, storm.StatusCode);
        Assert.NotNull(storm.Headers.RetryAfter);
        Assert.DoesNotContain("per day", await storm.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(Api(h, "v1/mediaItems"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(Api(h, "v1/albums"))).StatusCode);
        var spent = await http.GetAsync(Api(h, "v1/mediaItems"));
        Assert.Equal((HttpStatusCode)429, spent.StatusCode);
        var body = await spent.Content.ReadAsStringAsync();
        Assert.Contains("RESOURCE_EXHAUSTED", body);
        Assert.Contains("per day", body);
    }

    [Fact]
    public async Task Refuses_missing_expired_and_revoked_tokens()
    {
        await using var h = await GoogleHarness.StartAsync(new EmulatorOptions { ItemCount = 3 });
        using var anonymous = new HttpClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(Api(h, "v1/mediaItems"))).StatusCode);

        using var http = await AuthorizedClientAsync(h);
        h.Emulator.OAuth.ExpireAccessTokens();
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(Api(h, "v1/mediaItems"))).StatusCode);

        var refresh = JsonDocument.Parse(File.ReadAllText(Path.Combine(h.ConfigFolder, TokenFile.FileName))).RootElement.GetProperty("refresh_token").GetString()!;
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["refresh_token"] = refresh,
            ["client_id"] = h.Emulator.Options.ClientId, ["client_secret"] = h.Emulator.Options.ClientSecret,
        };
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsync(h.Emulator.TokenUrl, new FormUrlEncodedContent(form))).StatusCode);
        h.Emulator.OAuth.RevokeAll();
        var revoked = await anonymous.PostAsync(h.Emulator.TokenUrl, new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.BadRequest, revoked.StatusCode);
        Assert.Contains("invalid_grant", await revoked.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Picker_sessions_refuse_listing_before_picking_and_need_a_bearer_token_for_bytes()
    {
        await using var h = await GoogleHarness.StartAsync(new EmulatorOptions { ItemCount = 20, VideoEvery = 5 });
        using var http = await AuthorizedClientAsync(h);
        var created = await http.PostAsync(Picker(h, "v1/sessions"), new StringContent("{}", Encoding.UTF8, "application/json"));
        using var session = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var id = session.RootElement.GetProperty("id").GetString()!;
        Assert.Equal("0.2s", session.RootElement.GetProperty("pollingConfig").GetProperty("pollInterval").GetString());
        Assert.False(session.RootElement.GetProperty("mediaItemsSet").GetBoolean());

        var early = await http.GetAsync(Picker(h, $"v1/mediaItems?sessionId={id}"));
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Contains("FAILED_PRECONDITION", await early.Content.ReadAsStringAsync());

        using var browser = new HttpClient();
        (await browser.GetAsync(session.RootElement.GetProperty("pickerUri").GetString() + "?items=2,4")).EnsureSuccessStatusCode();
        using var polled = JsonDocument.Parse(await http.GetStringAsync(Picker(h, $"v1/sessions/{id}")));
        Assert.True(polled.RootElement.GetProperty("mediaItemsSet").GetBoolean());

        using var picked = JsonDocument.Parse(await http.GetStringAsync(Picker(h, $"v1/mediaItems?sessionId={id}&pageSize=100")));
        var items = picked.RootElement.GetProperty("mediaItems").EnumerateArray().ToList();
        Assert.Equal(["PHOTO", "VIDEO"], items.Select(i => i.GetProperty("type").GetString()!).ToArray());
        var videoUrl = items[1].GetProperty("mediaFile").GetProperty("baseUrl").GetString() + "=dv";
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync(videoUrl)).StatusCode);
        Assert.Equal(h.Emulator.Library.Bytes(4), await http.GetByteArrayAsync(videoUrl));

        Assert.Equal(HttpStatusCode.OK, (await http.DeleteAsync(Picker(h, $"v1/sessions/{id}"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(Picker(h, $"v1/sessions/{id}"))).StatusCode);
    }

    [Fact]
    public void The_library_is_a_pure_function_of_its_options()
    {
        var a = new EmulatedLibrary(new EmulatorOptions { ItemCount = 50, Seed = 3 });
        var b = new EmulatedLibrary(new EmulatorOptions { ItemCount = 50, Seed = 3 });
        var c = new EmulatedLibrary(new EmulatorOptions { ItemCount = 50, Seed = 4 });
        Assert.Equal(a.Items(), b.Items());
        Assert.Equal(a.Bytes(7), b.Bytes(7));
        Assert.NotEqual(a.Bytes(7), c.Bytes(7));
        Assert.Equal(a.Albums().Select(x => x.ItemIndexes.ToArray()), b.Albums().Select(x => x.ItemIndexes.ToArray()));
        a.Add(10);
        Assert.Equal(b.Item(49), a.Item(49)); // uploads never move existing items
    }

    internal static Uri Api(GoogleHarness h, string relative) => new(h.Emulator.LibraryApiUrl, relative);

    internal static Uri Picker(GoogleHarness h, string relative) => new(h.Emulator.PickerApiUrl, relative);

    internal static async Task<HttpClient> AuthorizedClientAsync(GoogleHarness h)
    {
        var token = await h.Connect(1).Credentials.GetAccessTokenAsync(CancellationToken.None);
        var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }
}
