using GPhotosFs.Takeout.Samples;

namespace GPhotosFs.Takeout.Tests;

/// <summary>Several exports of one account, re-adding, moving and damaging parts.</summary>
public sealed class RepeatedExportTests : IDisposable
{
    private readonly TakeoutLibrary _library = new();

    public void Dispose() => _library.Dispose();

    [Fact]
    public void NewerExportMergesItemsAndAlbumsAndMarksWhatItLacks()
    {
        _library.Add(_library.Write("zip", SampleTakeout.OlderExport, SampleTakeout.OlderShowcase()));
        var before = _library.PhotoPaths();
        var result = _library.Add(_library.Write("tgz", SampleTakeout.NewerExport, SampleTakeout.NewerShowcase(), parts: 3));

        Assert.Empty(result.PartErrors);
        Assert.Equal(1, result.NewlyMissing);
        var after = _library.PhotoPaths();
        Assert.Equal(before.Append("photos/2025/02/IMG_20250202_020202.jpg").Order(StringComparer.Ordinal), after); // nothing duplicated, nothing lost
        var archived = _library.Catalog.ReadTreeItems().Single(i => i.Name == "archived.jpg");
        Assert.NotNull(archived.MissingSince);
        Assert.Null(_library.Catalog.ReadTreeItems().Single(i => i.Name == "IMG_20190714_183012.jpg").MissingSince);
        Assert.Equal(["IMG_20190714_183012.jpg", "VID_20230704_210000.mov", "IMG_20250202_020202.jpg"], _library.Albums()["Summer 2019"]);
        // The merged item now reads from the newer export's part.
        Assert.Contains("|TarGzip|", _library.Item("IMG_20190714_183012.jpg").Locator, StringComparison.Ordinal);
    }

    [Fact]
    public void ReaddingUnchangedPartsIsANoOp()
    {
        var parts = _library.Write("zip", SampleTakeout.OlderExport, SampleTakeout.OlderShowcase());
        _library.Add(parts);
        var version = _library.Catalog.GetDataVersion();
        var again = _library.Add(parts);
        Assert.Equal(2, again.PartsUnchanged);
        Assert.Equal(0, again.PartsAdded);
        Assert.Equal(0, again.Items);
        Assert.Equal(version, _library.Catalog.GetDataVersion());
    }

    [Fact]
    public async Task MovedPartIsRelinkedWithoutReindexing()
    {
        var parts = _library.Write("zip", SampleTakeout.OlderExport, SampleTakeout.OlderShowcase());
        _library.Add(parts);
        var moved = Path.Combine(Directory.CreateDirectory(Path.Combine(_library.Exports, "moved")).FullName, Path.GetFileName(parts[0]));
        File.Move(parts[0], moved);
        var version = _library.Catalog.GetDataVersion();

        var result = _library.Add([moved]);
        Assert.Equal(1, result.PartsRelinked);
        Assert.Equal(0, result.Items);
        Assert.Contains(_library.Indexer.ListParts(), p => p.Path == moved);

        using var content = _library.Content();
        var item = _library.Item("IMG_20190714_183012.jpg");
        using var opened = await content.OpenAsync(item, CancellationToken.None);
        Assert.Equal(SampleTakeout.OlderShowcase().First(m => m.Path.EndsWith("/IMG_20190714_183012.jpg", StringComparison.Ordinal)).Bytes, await TakeoutLibrary.ReadAllAsync(opened));
        Assert.True(version <= _library.Catalog.GetDataVersion());
    }

    [Fact]
    public void CorruptPartIsNamedWhileTheOtherPartsIndex()
    {
        var members = SampleTakeout.OlderShowcase();
        var parts = _library.Write("zip", SampleTakeout.OlderExport, members, parts: 3);
        var bytes = File.ReadAllBytes(parts[1]);
        File.WriteAllBytes(parts[1], bytes[..(bytes.Length / 3)]);

        var result = _library.Add(parts);
        var error = Assert.Single(result.PartErrors);
        Assert.StartsWith(Path.GetFileName(parts[1]), error, StringComparison.Ordinal);
        Assert.NotEmpty(_library.PhotoPaths());
        Assert.Contains(_library.Indexer.ListParts(), p => p.LastError is not null && p.Path == parts[1]);
        Assert.Equal(Path.GetFileName(parts[1]), Path.GetFileName(_library.Indexer.ListParts().Single(p => p.LastError is not null).Path));
    }

    [Fact]
    public void CorruptTgzKeepsTheMembersBeforeTheDamage()
    {
        var parts = _library.Write("tgz", SampleTakeout.OlderExport, SampleTakeout.OlderShowcase(), parts: 1);
        var bytes = File.ReadAllBytes(parts[0]);
        File.WriteAllBytes(parts[0], bytes[..(bytes.Length * 2 / 3)]);
        var result = _library.Add(parts);
        Assert.Contains(Path.GetFileName(parts[0]), Assert.Single(result.PartErrors), StringComparison.Ordinal);
    }

    [Fact]
    public void NotAPartIsRefusedByName()
    {
        var junk = Path.Combine(_library.Exports, "notes.txt");
        File.WriteAllText(junk, "hello");
        var result = _library.Add([junk, Path.Combine(_library.Exports, "absent.zip")]);
        Assert.Equal(2, result.Refused.Count);
        Assert.Contains(result.Refused, e => e.StartsWith(junk, StringComparison.Ordinal) && e.Contains("not a Takeout part", StringComparison.Ordinal));
        Assert.Contains(result.Refused, e => e.Contains("absent.zip: no such file", StringComparison.Ordinal));
    }

    [Fact]
    public void RemovedPartKeepsItsItems()
    {
        var parts = _library.Write("zip", SampleTakeout.OlderExport, SampleTakeout.OlderShowcase());
        _library.Add(parts);
        var count = _library.PhotoPaths().Count;
        Assert.NotNull(_library.Indexer.Remove(Path.GetFileName(parts[0])));
        Assert.Single(_library.Indexer.ListParts());
        Assert.Equal(count, _library.PhotoPaths().Count);
    }

    [Fact]
    public async Task PartsAddedOrMovedAfterTheContentSourceStartedAreFoundAndHealthClears()
    {
        var older = _library.Write("zip", SampleTakeout.OlderExport, SampleTakeout.OlderShowcase());
        _library.Add(older);
        using var content = _library.Content(); // as a running mount holds it
        _library.Add(_library.Write("zip", SampleTakeout.NewerExport, SampleTakeout.NewerShowcase()));

        var added = _library.Item("IMG_20250202_020202.jpg");
        using (var opened = await content.OpenAsync(added, CancellationToken.None))
        {
            Assert.Equal(added.Size, (await TakeoutLibrary.ReadAllAsync(opened)).Length);
        }

        // The older-only item's part goes missing, then comes back under another folder.
        var archived = _library.Item("archived.jpg");
        var part = older.Single(p => _library.Indexer.ListParts().Single(r => r.Path == p).Id == archived.Locator!.Split('|')[0]);
        var moved = Path.Combine(Directory.CreateDirectory(Path.Combine(_library.Exports, "moved")).FullName, Path.GetFileName(part));
        File.Move(part, moved);
        await Assert.ThrowsAsync<GPhotosFs.Vfs.Content.ContentUnavailableException>(async () => await content.OpenAsync(archived, CancellationToken.None));
        var sourceId = _library.Catalog.GetSources().Single().Id;
        Assert.Contains(Path.GetFileName(part), _library.Health.Read(sourceId).Unavailable, StringComparison.Ordinal);

        Assert.Equal(1, _library.Add([moved]).PartsRelinked);
        await Task.Delay(1100); // parts are re-read at most once a second
        using (var opened = await content.OpenAsync(archived, CancellationToken.None))
        {
            Assert.Equal(archived.Size, (await TakeoutLibrary.ReadAllAsync(opened)).Length);
        }

        Assert.Null(_library.Health.Read(sourceId).Unavailable);
    }
}
