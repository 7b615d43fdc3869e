using GPhotosFs.Catalog;
using GPhotosFs.Catalog.Sync;
using GPhotosFs.Library.Sources;
using GPhotosFs.Originals;
using Microsoft.Extensions.Logging;

namespace GPhotosFs.Library;

/// <summary>
/// The library's sync implementations, one per source whose kind has one (see
/// <see cref="GPhotosFs.Sources.ISourceKind.CreateSync"/>). Disposing closes their connections.
/// </summary>
public sealed class SourceSyncs : IDisposable
{
    private readonly Dictionary<long, ILibrarySync> _bySource = [];
    private readonly SourceHost _host;

    private SourceSyncs(SourceHost host) => _host = host;

    /// <param name="registry">The source kinds to sync; <see cref="SourceRegistry.Default"/> unless a test adds its own.</param>
    public static SourceSyncs Create(LibraryCatalog catalog, LibraryLocation library, ILogger logger, SourceRegistry? registry = null)
    {
        registry ??= SourceRegistry.Default;
        var syncs = new SourceSyncs(new SourceHost(catalog, library, logger, new OriginalsOptions()));
        foreach (var source in catalog.GetSources())
        {
            if (registry.Find(source.Kind)?.CreateSync(syncs._host.ContextFor(source)) is { } sync)
            {
                syncs._bySource[source.Id] = sync;
            }
        }

        return syncs;
    }

    /// <summary>The sources that can be synced, with their implementation.</summary>
    public IEnumerable<(SourceRecord Source, ILibrarySync Sync)> For(IEnumerable<SourceRecord> sources) =>
        sources.Where(s => _bySource.ContainsKey(s.Id)).Select(s => (s, _bySource[s.Id]));

    public void Dispose() => _host.Dispose();
}
