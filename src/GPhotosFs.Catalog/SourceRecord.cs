namespace GPhotosFs.Catalog;

/// <summary>A place items come from, e.g. kind "google-photos-api" or "takeout", named by the user.</summary>
/// <param name="Config">Source-specific settings (typically JSON); opaque to the catalog.</param>
public sealed record SourceRecord(long Id, string Kind, string Name, string? Config, DateTimeOffset CreatedAt);
