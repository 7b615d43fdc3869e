namespace GPhotosFs.Catalog;

/// <summary>How a process intends to use the catalog.</summary>
public enum CatalogAccess
{
    /// <summary>
    /// Creates the catalog when missing and upgrades an older schema. Used by sync.
    /// </summary>
    ReadWrite,

    /// <summary>
    /// Never writes to the catalog file; fails when it is missing or not at this build's schema.
    /// Used by the mounted daemon, which must not race a sync for the right to migrate.
    /// </summary>
    ReadOnly,
}
