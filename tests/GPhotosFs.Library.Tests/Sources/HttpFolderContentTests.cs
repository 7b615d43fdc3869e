using GPhotosFs.Catalog;
using GPhotosFs.Library.Tests.Contracts;
using GPhotosFs.TestOrigin;

namespace GPhotosFs.Library.Tests.Sources;

/// <summary>An "http" source: originals at BASE/locator on the project's test origin (loopback), downloaded into the cache.</summary>
public sealed class HttpFolderContentFixture : ContentFixture
{
    private TestOriginServer? _origin;

    public override async Task<IReadOnlyDictionary<string, byte[]>> CreateAsync()
    {
        _origin = await TestOriginServer.StartAsync(new OriginOptions { ServeUnsignedFiles = true });
        var source = Catalog.EnsureSource(SourceKinds.Http, "web", _origin.UnsignedUrlFor("").AbsoluteUri);
        var originals = SampleOriginals.Create();
        foreach (var (name, bytes) in originals)
        {
            _origin.AddBlob($"album/{name}", bytes);
        }

        Catalog.UpsertItems(originals.Select(o => SampleOriginals.Item(source.Id, o.Name, o.Bytes, $"album/{o.Name}")).ToList());
        Catalog.AssignPaths();
        return originals.ToDictionary(o => o.Name, o => o.Bytes);
    }

    public override void MakeMissing(ItemRecord item) => Assert.True(_origin!.RemoveBlob(item.Locator!));

    public override async ValueTask DisposeAsync()
    {
        if (_origin is not null)
        {
            await _origin.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}

public sealed class HttpFolderContentTests : ContentSourceContract<HttpFolderContentFixture>;
