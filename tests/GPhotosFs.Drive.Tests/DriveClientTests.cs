namespace GPhotosFs.Drive.Tests;

/// <summary>The REST client keeps Drive's rules: backoff on rate limits, never a whole part for a Range, resets resumed.</summary>
public sealed class DriveClientTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Rate_limits_are_waited_out_with_backoff(bool forbidden)
    {
        await using var h = await DriveHarness.StartAsync();
        var takeout = h.Emulator.Drive.AddFolder("Takeout");
        var client = h.Client();
        h.Emulator.Faults.DriveRateLimit(3, forbidden);
        var listed = new List<DriveFileInfo>();
        await foreach (var f in client.ListAsync("name = 'Takeout' and trashed = false", "listing Takeout folders", CancellationToken.None)) listed.Add(f);
        Assert.Equal(takeout, Assert.Single(listed).Id);
        Assert.Equal(4, client.Requests);
    }

    [Fact]
    public async Task Other_403s_fail_at_once_and_say_what_to_do()
    {
        await using var h = await DriveHarness.StartAsync(withDriveScope: false);
        var client = h.Client();
        var error = await Assert.ThrowsAsync<DriveException>(async () =>
        {
            await foreach (var _ in client.ListAsync("trashed = false", "listing Takeout folders", CancellationToken.None)) { }
        });
        Assert.Contains("gphotosfs auth --drive", error.Message);
        Assert.Equal(1, client.Requests);
    }

    [Fact]
    public async Task A_200_to_a_range_request_is_refused_without_reading_the_body()
    {
        await using var h = await DriveHarness.StartAsync();
        var id = h.Emulator.Drive.AddFile(h.Emulator.Drive.AddFolder("Takeout"), h.BytesFile("big.zip", 4 << 20));
        var client = h.Client(new DriveOptions { MaxAttempts = 2, FirstBackoff = TimeSpan.FromMilliseconds(1) });
        h.Emulator.Faults.DriveIgnoreRange(10);
        var buffer = new byte[100];
        var error = await Assert.ThrowsAsync<DriveRangeIgnoredException>(() => client.ReadAsync(id, 1000, buffer, "reading big.zip", CancellationToken.None));
        Assert.Contains("whole file", error.Message);
        Assert.Equal(0, client.BytesRead);
    }

    [Fact]
    public async Task A_range_answered_200_once_is_asked_again()
    {
        await using var h = await DriveHarness.StartAsync();
        var path = h.BytesFile("part.zip", 50_000);
        var id = h.Emulator.Drive.AddFile(h.Emulator.Drive.AddFolder("Takeout"), path);
        var client = h.Client();
        h.Emulator.Faults.DriveIgnoreRange(1);
        var buffer = new byte[1000];
        await client.ReadAsync(id, 20_000, buffer, "reading part.zip", CancellationToken.None);
        Assert.Equal((await File.ReadAllBytesAsync(path))[20_000..21_000], buffer);
        Assert.Equal(1000, client.BytesRead);
    }

    [Fact]
    public async Task A_reset_mid_body_is_resumed_from_where_it_broke()
    {
        await using var h = await DriveHarness.StartAsync();
        var path = h.BytesFile("part.zip", 3 << 20);
        var id = h.Emulator.Drive.AddFile(h.Emulator.Drive.AddFolder("Takeout"), path);
        var client = h.Client();
        h.Emulator.Faults.DriveReset(1);
        var buffer = new byte[2 << 20];
        await client.ReadAsync(id, 12345, buffer, "reading part.zip", CancellationToken.None);
        Assert.Equal((await File.ReadAllBytesAsync(path)).AsSpan(12345, 2 << 20).ToArray(), buffer);
        Assert.Equal(2, h.Emulator.Counters["drive.media"]);
    }

    [Fact]
    public async Task Metadata_carries_the_revision_that_changes_when_a_part_is_replaced()
    {
        await using var h = await DriveHarness.StartAsync();
        var id = h.Emulator.Drive.AddFile(h.Emulator.Drive.AddFolder("Takeout"), h.BytesFile("a.zip", 5000, seed: 1));
        var client = h.Client();
        var before = await client.GetAsync(id, "a.zip", CancellationToken.None);
        Assert.Equal(5000, before.Size);
        h.Emulator.Drive.Replace(id, h.BytesFile("b.zip", 5000, seed: 2));
        var after = await client.GetAsync(id, "a.zip", CancellationToken.None);
        Assert.NotEqual(before.Revision, after.Revision);
        Assert.NotEqual(before.Md5, after.Md5);
    }
}

/// <summary>GPHOTOSFS_DRIVE_API_URL (or "drive_api_url" in config.json) replaces https://www.googleapis.com; the client appends drive/v3/.</summary>
public sealed class DriveEndpointTests
{
    [Fact]
    public void The_variable_wins_over_the_config_which_wins_over_Google()
    {
        var folder = Directory.CreateTempSubdirectory("gphotosfs-drive-endpoints-").FullName;
        try
        {
            Assert.Equal(new Uri("https://www.googleapis.com/"), Google.GoogleEndpoints.Resolve(folder, _ => null).DriveApiUrl);
            File.WriteAllText(Path.Combine(folder, "config.json"), """{"endpoints": {"drive_api_url": "http://127.0.0.1:9/proxy"}}""");
            Assert.Equal(new Uri("http://127.0.0.1:9/proxy/"), Google.GoogleEndpoints.Resolve(folder, _ => null).DriveApiUrl);
            Assert.Equal(new Uri("http://127.0.0.1:7/"), Google.GoogleEndpoints.Resolve(folder, v => v == "GPHOTOSFS_DRIVE_API_URL" ? "http://127.0.0.1:7" : null).DriveApiUrl);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
