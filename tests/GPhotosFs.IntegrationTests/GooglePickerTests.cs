using GPhotosFs.Catalog;
using GPhotosFs.GoogleEmulator;
using GPhotosFs.IntegrationTests.Infrastructure;

namespace GPhotosFs.IntegrationTests;

/// <summary>
/// `gphotosfs pick` and the Library API source together: the same Google item is one catalog item
/// (and one file) whichever source found it first, and a picked original costs one media request.
/// </summary>
public sealed class GooglePickerTests
{
    [FuseFact]
    public async Task An_item_both_picked_and_listed_is_one_item_and_a_pick_costs_one_media_request_per_item()
    {
        await using var account = await GoogleAccount.StartAsync(new EmulatorOptions { ItemCount = 30, AlbumCount = 1, VideoEvery = 10 });
        account.Authorize().AssertSuccess("gphotosfs auth");

        // Picked first (9 is a video), then listed by the Library API.
        await PickAsync(account, "4,9");
        Assert.Equal(2, account.Emulator.Counters["download"]); // one request per picked original, no separate size probe
        account.Sync().AssertSuccess("gphotosfs sync");
        // Listed first, then picked.
        await PickAsync(account, "4,17");

        using (var catalog = LibraryCatalog.Open(Path.Combine(account.Library, "catalog.db"), CatalogAccess.ReadOnly))
        {
            var ids = catalog.ReadTreeItems().Select(r => catalog.GetItem(r.Id)!.SourceItemId).ToList();
            Assert.Equal(30, ids.Count);
            Assert.Equal(30, ids.Distinct().Count());
        }

        using var mount = new MountedLibrary(account.Library);
        var files = Directory.GetFiles(mount["photos"], "*", SearchOption.AllDirectories);
        Assert.Equal(30, files.Length);
        foreach (var n in new[] { 4, 9, 17 })
        {
            var item = account.Emulator.Library.Item(n);
            var path = Path.Combine(mount.Path, "photos", item.CreationTime.ToString("yyyy"), item.CreationTime.ToString("MM"), item.FileName);
            Assert.Equal(account.Emulator.Library.Bytes(n), File.ReadAllBytes(path));
        }
    }

    private static async Task PickAsync(GoogleAccount account, string items)
    {
        using var pick = Tools.Start(Tools.Gphotosfs, "pick", "--library", account.Library, "--no-qr");
        var stderr = pick.StandardError.ReadToEndAsync();
        var pickerUri = pick.StandardOutput.ReadLine();
        Assert.False(string.IsNullOrEmpty(pickerUri), "pick printed no URL");
        using (var phone = new HttpClient())
        {
            (await phone.GetAsync(pickerUri + "?items=" + items)).EnsureSuccessStatusCode();
        }

        Assert.True(pick.WaitForExit(TimeSpan.FromSeconds(60)), "pick did not finish");
        Assert.True(pick.ExitCode == 0, await stderr);
    }
}
