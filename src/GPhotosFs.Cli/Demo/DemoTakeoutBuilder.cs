using GPhotosFs.Catalog;
using GPhotosFs.Library;
using GPhotosFs.Takeout.Indexing;
using GPhotosFs.Takeout.Samples;

namespace GPhotosFs.Cli.Demo;

/// <summary>
/// The default demo library: two generated Google Takeout exports of the same account in
/// <c>DIR/takeout/</c> (an older one as two .tgz parts, a newer one as two .zip parts with stored
/// photos and deflated videos and sidecars), added through the Takeout source exactly as
/// <c>gphotosfs takeout add</c> does. Its items cover the sidecar quirks, albums, the trash, an item
/// only the older export has, and members served in place (stored) and through the lazy cache
/// (deflated, tgz).
/// </summary>
public sealed class DemoTakeoutBuilder(LibraryLocation library)
{
    public const string ExportsFolder = "takeout";

    public DemoSummary Build()
    {
        var exports = Path.Combine(library.Folder, ExportsFolder);
        var older = SampleTakeout.OlderShowcase();
        var newer = SampleTakeout.NewerShowcase();
        var parts = new List<string>();
        parts.AddRange(TakeoutExportWriter.WriteTgz(exports, SampleTakeout.OlderExport, older, parts: 2));
        parts.AddRange(TakeoutExportWriter.WriteZip(exports, SampleTakeout.NewerExport, newer, parts: 2, deflate: false,
            deflateMember: m => !m.Path.EndsWith(".jpg", StringComparison.Ordinal)));
        using var catalog = LibraryCatalog.Open(library.CatalogPath, CatalogAccess.ReadWrite);
        var result = new TakeoutIndexer(catalog).Add(parts);
        if (result.PartErrors.Count > 0)
        {
            throw new IOException(string.Join("; ", result.PartErrors));
        }

        // The items the mount shows: an item in both exports is one item (the indexer's count is per export).
        var shown = catalog.ReadTreeItems().Count(row => !row.IsTrashed);
        return new DemoSummary(library.Folder, shown, parts.Sum(p => new FileInfo(p).Length));
    }
}
