using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using GPhotosFs.GoogleEmulator;

namespace GPhotosFs.Drive.Tests;

/// <summary>The emulated Drive answers as Drive v3 documents it: the q subset, page limits, fields, Range, scope.</summary>
public sealed class DriveEmulatorTests
{
    [Fact]
    public async Task Lists_by_parent_name_and_mimeType_with_only_the_fields_asked_for()
    {
        await using var h = await DriveHarness.StartAsync();
        var takeout = h.Emulator.Drive.AddFolder("Takeout");
        var other = h.Emulator.Drive.AddFolder("Takeout");
        h.Emulator.Drive.AddFolder("Photos");
        var part = h.Emulator.Drive.AddFile(takeout, h.BytesFile("takeout-20250101T000000Z-001.zip", 1000));
        var trashed = h.Emulator.Drive.AddFile(takeout, h.BytesFile("takeout-20250101T000000Z-002.zip", 10));
        h.Emulator.Drive.Trash(trashed);
        h.Emulator.Drive.AddFile(other, h.BytesFile("notes.txt", 10));
        var http = await h.RawClientAsync();

        var folders = await ListAsync(http, h, "name = 'Takeout' and mimeType = 'application/vnd.google-apps.folder' and trashed = false");
        Assert.Equal([takeout, other], folders.Select(f => f.GetProperty("id").GetString()));
        Assert.False(folders[0].TryGetProperty("size", out _)); // a folder has no size

        var parts = await ListAsync(http, h, $"'{takeout}' in parents and trashed = false", "files(id,name,size,md5Checksum,headRevisionId)");
        var listed = Assert.Single(parts);
        Assert.Equal(part, listed.GetProperty("id").GetString());
        Assert.Equal("1000", listed.GetProperty("size").GetString());
        Assert.Equal(32, listed.GetProperty("md5Checksum").GetString()!.Length);
        Assert.False(listed.TryGetProperty("mimeType", out _)); // not asked for

        Assert.Single(await ListAsync(http, h, "name contains 'takeout' and trashed = false and mimeType != 'application/vnd.google-apps.folder'"));
        Assert.Equal(2, (await ListAsync(http, h, $"'{takeout}' in parents")).Count);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync(h.Api("files?q=" + Uri.EscapeDataString("fullText contains 'x'")))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync(h.Api("files?pageSize=1001"))).StatusCode);
    }

    [Fact]
    public async Task Short_pages_still_list_every_file_once()
    {
        await using var h = await DriveHarness.StartAsync();
        var ids = Enumerable.Range(0, 2500).Select(n => h.Emulator.Drive.AddFolder($"f{n}")).ToList();
        h.Emulator.Faults.DriveShortPages = true;
        var http = await h.RawClientAsync();
        var listed = await ListAsync(http, h, "trashed = false", "nextPageToken,files(id)", pageSize: 1000);
        Assert.Equal(ids, listed.Select(f => f.GetProperty("id").GetString()));
        Assert.True(h.Emulator.Counters["drive.files.list"] > 3, "short pages mean more pages than 2500/1000");
    }

    [Fact]
    public async Task Media_answers_ranges_with_206_and_needs_the_drive_scope()
    {
        await using var h = await DriveHarness.StartAsync();
        var path = h.BytesFile("part.zip", 100_000);
        var id = h.Emulator.Drive.AddFile(h.Emulator.Drive.AddFolder("Takeout"), path);
        var http = await h.RawClientAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, h.Api($"files/{id}?alt=media"));
        request.Headers.Range = new RangeHeaderValue(99_990, 200_000);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal((await File.ReadAllBytesAsync(path))[99_990..], await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(10, h.Emulator.Counters.DriveMediaBytes);

        using var meta = JsonDocument.Parse(await http.GetStringAsync(h.Api($"files/{id}?fields=size,md5Checksum,headRevisionId,version,modifiedTime")));
        Assert.Equal("100000", meta.RootElement.GetProperty("size").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(h.Api("files/nope?alt=media"))).StatusCode);

        await using var noDrive = await DriveHarness.StartAsync(withDriveScope: false);
        var plain = await noDrive.RawClientAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await plain.GetAsync(noDrive.Api("files"))).StatusCode);
    }

    private static async Task<List<JsonElement>> ListAsync(HttpClient http, DriveHarness h, string q, string? fields = null, int pageSize = 100)
    {
        var result = new List<JsonElement>();
        string? token = null;
        do
        {
            var uri = $"files?q={Uri.EscapeDataString(q)}&pageSize={pageSize}" + (fields is null ? "" : "&fields=" + Uri.EscapeDataString(fields)) +
                      (token is null ? "" : "&pageToken=" + Uri.EscapeDataString(token));
            using var page = JsonDocument.Parse(await http.GetStringAsync(h.Api(uri)));
            result.AddRange(page.RootElement.GetProperty("files").EnumerateArray().Select(e => e.Clone()));
            token = page.RootElement.TryGetProperty("nextPageToken", out var next) ? next.GetString() : null;
        }
        while (token is not null);
        return result;
    }
}
