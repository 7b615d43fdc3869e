namespace GPhotosFs.Originals;

/// <summary>Which original to fetch: the catalog item and the source's own handle on it (an id or a locator).</summary>
public sealed record OriginalKey(long ItemId, string SourceItemId, string? Locator, string DisplayName);
