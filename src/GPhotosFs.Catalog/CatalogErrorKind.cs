namespace GPhotosFs.Catalog;

/// <summary>What went wrong with a catalog file, so callers can pick an exit code or a remedy.</summary>
public enum CatalogErrorKind
{
    /// <summary>The file does not exist and the catalog was opened read-only.</summary>
    NotFound,

    /// <summary>The file exists but holds no catalog yet and was opened read-only.</summary>
    NotInitialized,

    /// <summary>The file is not an SQLite database at all.</summary>
    NotSqlite,

    /// <summary>The file is an SQLite database that belongs to some other application.</summary>
    NotACatalog,

    /// <summary>The file is damaged: SQLite reports corruption or the integrity check fails.</summary>
    Corrupt,

    /// <summary>The catalog was written by a newer GPhotosFs with a schema this build does not know.</summary>
    NewerSchema,

    /// <summary>The catalog needs a schema upgrade but was opened read-only.</summary>
    OlderSchema,

    /// <summary>Upgrading the schema failed; the catalog was left at its old schema.</summary>
    UpgradeFailed,

    /// <summary>Another process kept the catalog locked for longer than the busy timeout.</summary>
    Locked,

    /// <summary>The disk holding the catalog is full.</summary>
    DiskFull,

    /// <summary>The operating system refused or failed an open, read or write.</summary>
    IoError,
}
