using GPhotosFs.Catalog;
using GPhotosFs.GoogleEmulator;
using GPhotosFs.IntegrationTests.Infrastructure;

namespace GPhotosFs.IntegrationTests;

/// <summary>
/// A plain `gphotosfs sync` notices what users do to albums without uploading anything: an album
/// made of existing photos, a one-out-one-in edit that keeps the count, a rename. The running
/// mount shows the result, and the sync costs the listing plus one request per 100 album members.
/// </summary>
public sealed class GoogleAlbumSyncTests
{
    [FuseFact]
    public async Task An_incremental_sync_notices_new_edited_and_renamed_albums_at_listing_cost()
    {
        await using var account = await GoogleAccount.StartAsync(new EmulatorOptions { ItemCount = 150, AlbumCount = 2, VideoEvery = 0 });
        account.Authorize().AssertSuccess("gphotosfs auth");
        account.Sync().AssertSuccess("first sync");
        using var mount = new MountedLibrary(account.Library, "-o", "catalog_poll=1");
        var library = account.Emulator.Library;
        var holidays = library.Albums()[0];
        Assert.True(Directory.Exists(mount["albums/Family_Friends"]));

        library.MakeAlbum("Made later", 1, 2, 3);
        var outItem = holidays.ItemIndexes[0];
        var inItem = Enumerable.Range(0, 150).First(n => !holidays.ItemIndexes.Contains(n));
        library.SwapInAlbum(0, outItem, inItem);
        library.RenameAlbum(1, "Family and friends");
        var before = account.Emulator.Counters.ApiRequests;

        account.Sync().AssertSuccess("incremental sync");

        var requests = account.Emulator.Counters.ApiRequests - before;

        Assert.True(Tools.WaitUntil(() => Directory.Exists(mount["albums/Made later"]), TimeSpan.FromSeconds(30)), "the new album never appeared in the mount");
        Assert.Equal(3, Directory.GetFileSystemEntries(mount["albums/Made later"]).Length);
        Assert.True(Tools.WaitUntil(() => Directory.Exists(mount["albums/Family and friends"]) && !Directory.Exists(mount["albums/Family_Friends"]), TimeSpan.FromSeconds(30)),
            "the renamed album kept its old folder name");

        using var catalog = LibraryCatalog.Open(Path.Combine(account.Library, "catalog.db"), CatalogAccess.ReadOnly);
        var source = catalog.GetSources().Single(s => s.Kind == "google-library");
        var members = catalog.ReadAlbumMembers(source.Id)[holidays.Id].ItemIds.Select(id => catalog.GetItem(id)!.SourceItemId).ToHashSet();
        Assert.Contains(library.IdOf(inItem), members);
        Assert.DoesNotContain(library.IdOf(outItem), members);
        Assert.Equal(holidays.ItemIndexes.Count, members.Count);

        // The cost: the item listing plus one request per 100 album members (no per-item calls).
        var expected = 2 /* item pages of 100 */ + 1 /* album page */ + library.Albums().Sum(a => Math.Max(1, (a.ItemIndexes.Count + 99) / 100));
        Assert.Equal(expected, requests);
    }
}
