using GPhotosFs.Catalog;

namespace GPhotosFs.Vfs.Content;

/// <summary>The content source of each catalog source, by source id.</summary>
public sealed class ContentSources
{
    private readonly Dictionary<long, IItemContentSource> _bySourceId = [];

    public void Add(long sourceId, IItemContentSource source) => _bySourceId[sourceId] = source;

    public IItemContentSource? ForSource(long sourceId) => _bySourceId.GetValueOrDefault(sourceId);

    public IItemContentSource For(ItemRecord item) =>
        ForSource(item.SourceId)
            ?? throw new ContentUnavailableException($"item {item.Id} ('{item.FileName}') belongs to source {item.SourceId}, which this build cannot read from.");
}
