using GPhotosFs.Catalog;
using GPhotosFs.Catalog.Health;
using GPhotosFs.Catalog.Sync;
using GPhotosFs.Google;
using GPhotosFs.Originals;
using GPhotosFs.Takeout.Indexing;
using Microsoft.Extensions.Logging;

namespace GPhotosFs.Library;

/// <summary>
/// The library's sync implementations, one per source kind that has one (Google's Library API;
/// Takeout, whose sync checks its archives are still there). Disposing closes their connections.
/// </summary>
public sealed class SourceSyncs : IDisposable
{
    private readonly Dictionary<long, ILibrarySync> _bySource = [];
    private readonly List<IDisposable> _owned = [];

    public static SourceSyncs Create(LibraryCatalog catalog, LibraryLocation library, ILogger logger)
    {
        var syncs = new SourceSyncs();
        var health = new SourceHealthStore(library.StateFolder);
        foreach (var source in catalog.GetSources())
        {
            switch (source.Kind)
            {
                case LibrarySync.SourceKind:
                    var connection = new GoogleConnection(library.ConfigFolder, health, source.Id, logger);
                    syncs._owned.Add(connection);
                    syncs._bySource[source.Id] = new LibrarySync(catalog, connection, logger);
                    break;
                case PickerImport.SourceKind:
                    syncs._bySource[source.Id] = new PickerSync(catalog);
                    break;
                case TakeoutIndexer.Kind:
                    syncs._bySource[source.Id] = new TakeoutPartsCheck(catalog, health);
                    break;
            }
        }

        return syncs;
    }

    /// <summary>The sources that can be synced, with their implementation.</summary>
    public IEnumerable<(SourceRecord Source, ILibrarySync Sync)> For(IEnumerable<SourceRecord> sources) =>
        sources.Where(s => _bySource.ContainsKey(s.Id)).Select(s => (s, _bySource[s.Id]));

    public void Dispose()
    {
        foreach (var owned in _owned) owned.Dispose();
    }
}
