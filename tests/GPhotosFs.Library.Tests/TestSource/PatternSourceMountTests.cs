using GPhotosFs.Library.Sources;
using GPhotosFs.Library.Tests.Contracts;
using GPhotosFs.Library.Tests.Sources;
using GPhotosFs.Mount;
using GPhotosFs.Vfs;
using GPhotosFs.Vfs.Tree;
using Microsoft.Extensions.Logging.Abstractions;

namespace GPhotosFs.Library.Tests.TestSource;

/// <summary>
/// The claim of issue 13: a new source kind needs its own code and one registration line, nothing
/// else. The pattern source lives in this test project; with the line below, the library's
/// content, sync and the real FUSE mount serve it like any built-in kind.
/// </summary>
public sealed class PatternSourceMountTests
{
    [FuseFact]
    public async Task A_kind_registered_in_one_line_is_synced_and_served_through_the_real_mount()
    {
        // The one line (LibraryFixture.Registry is the same):
        var registry = SourceRegistry.Default.With(new PatternSourceKind());

        await using var fixture = new PatternContentFixture();
        var originals = await fixture.CreateAsync(); // synced through SourceSyncs and the registry
        using var content = LibraryContent.Create(fixture.Catalog, fixture.Library, NullLogger.Instance, LibraryFixture.Options, registry);
        var fileSystem = new PhotoFileSystem(fixture.Catalog, content.Sources, new TreeOptions(), NullLogger.Instance);
        var mountPoint = Directory.CreateTempSubdirectory("gphotosfs-pattern-mnt-").FullName;
        var host = MountHost.Start(mountPoint, fileSystem, new MountSettings(), NullLogger.Instance, "pattern source test");
        try
        {
            var files = Directory.EnumerateFiles(Path.Combine(mountPoint, "photos"), "*", SearchOption.AllDirectories).ToList();
            Assert.Equal(originals.Keys.Order(StringComparer.Ordinal), files.Select(Path.GetFileName).Order(StringComparer.Ordinal));
            foreach (var file in files)
            {
                Assert.Equal(originals[Path.GetFileName(file)], await File.ReadAllBytesAsync(file));
            }
        }
        finally
        {
            host.Unmount();
            host.Dispose();
            Directory.Delete(mountPoint);
        }
    }
}
