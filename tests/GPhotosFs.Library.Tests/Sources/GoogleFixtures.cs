using GPhotosFs.Catalog;
using GPhotosFs.Google.Tests;
using GPhotosFs.GoogleEmulator;
using GPhotosFs.Library.Tests.Contracts;

namespace GPhotosFs.Library.Tests.Sources;

/// <summary>A "google-library" source authorized against the emulator, synced through the registry.</summary>
public sealed class GoogleLibraryContentFixture : ContentFixture
{
    private GoogleHarness? _google;

    public GoogleHarness Google => _google!;

    public override async Task<IReadOnlyDictionary<string, byte[]>> CreateAsync()
    {
        _google = await GoogleHarness.StartAsync(new EmulatorOptions { ItemCount = 4, AlbumCount = 1 });
        Library = Library with { ConfigFolderOverride = Google.ConfigFolder };
        Catalog.EnsureSource(SourceKinds.GoogleLibrary, "google", null);
        using (var syncs = OpenSyncs())
        {
            var (source, sync) = Assert.Single(syncs.For(Catalog.GetSources()));
            var outcome = await sync.SyncAsync(source, new(Full: true), CancellationToken.None);
            Assert.True(outcome.Succeeded, outcome.Error);
        }

        return Google.Emulator.Library.Items().ToDictionary(i => i.FileName, i => Google.Emulator.Library.Bytes(i.Index));
    }

    /// <summary>Deleted at Google.</summary>
    public override void MakeMissing(ItemRecord item) => Google.Emulator.Library.Remove(Google.Emulator.Library.Find(item.SourceItemId)!.Value);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_google is not null)
        {
            await _google.DisposeAsync();
        }
    }
}

public sealed class GoogleLibraryContentTests : ContentSourceContract<GoogleLibraryContentFixture>;

/// <summary>
/// A "google-picker" source as <c>gphotosfs pick</c> leaves it: items in the catalog, their
/// originals in the cache (their download URLs worked only during the pick).
/// </summary>
public sealed class GooglePickerContentFixture : ContentFixture
{
    private GoogleHarness? _google;

    public override async Task<IReadOnlyDictionary<string, byte[]>> CreateAsync()
    {
        _google = await GoogleHarness.StartAsync(new EmulatorOptions { ItemCount = 0 });
        Library = Library with { ConfigFolderOverride = _google.ConfigFolder };
        var source = Catalog.EnsureSource(SourceKinds.GooglePicker, "google-picker", null);
        var originals = SampleOriginals.Create();
        Catalog.UpsertItems(originals.Select(o => SampleOriginals.Item(source.Id, o.Name, o.Bytes, "photo")).ToList());
        Catalog.AssignPaths();
        foreach (var item in Items())
        {
            var path = Path.Combine(Library.CacheFolder, item.DirPath!, item.Name!);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, originals.Single(o => o.Name == item.FileName).Bytes);
        }

        return originals.ToDictionary(o => o.Name, o => o.Bytes);
    }

    /// <summary>Its cached copy is gone: a picked item cannot be downloaded again without a new pick.</summary>
    public override void MakeMissing(ItemRecord item) => File.Delete(Path.Combine(Library.CacheFolder, item.DirPath!, item.Name!));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_google is not null)
        {
            await _google.DisposeAsync();
        }
    }
}

public sealed class GooglePickerContentTests : ContentSourceContract<GooglePickerContentFixture>;

/// <summary>The Library API sync against the emulator.</summary>
public sealed class GoogleLibrarySyncFixture : SyncFixture
{
    private GoogleHarness? _google;

    public override async Task CreateAsync()
    {
        _google = await GoogleHarness.StartAsync(new EmulatorOptions { ItemCount = 5, AlbumCount = 1 });
        Library = Library with { ConfigFolderOverride = _google.ConfigFolder };
        Catalog.EnsureSource(SourceKinds.GoogleLibrary, "google", null);
    }

    /// <summary>Google's API answers with errors (a quota used up).</summary>
    public override void BreakOrigin() => _google!.Emulator.Faults.ExhaustApiQuota();

    public override string DeleteAtOrigin()
    {
        _google!.Emulator.Library.Remove(2);
        return _google.Emulator.Library.IdOf(2);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_google is not null)
        {
            await _google.DisposeAsync();
        }
    }
}

public sealed class GoogleLibrarySyncTests : DeletingSyncContract<GoogleLibrarySyncFixture>;
