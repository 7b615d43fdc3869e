namespace GPhotosFs.Catalog;

/// <summary>What <see cref="CatalogFileInspector"/> found at the catalog path.</summary>
internal enum CatalogFileKind
{
    /// <summary>Nothing there yet.</summary>
    Missing,

    /// <summary>An empty file or an SQLite database with no schema and no application id.</summary>
    Empty,

    /// <summary>A healthy GPhotosFs catalog at a schema this build can use or upgrade.</summary>
    Catalog,
}

/// <summary>The outcome of inspecting a catalog path; <see cref="SchemaVersion"/> is 0 unless a catalog.</summary>
internal readonly record struct CatalogFileState(CatalogFileKind Kind, int SchemaVersion);
