namespace GPhotosFs.Catalog;

/// <summary>
/// A problem with the catalog file that the user has to act on. The message names the file,
/// says what happened and what to do; it is meant to be shown as is, without a stack trace.
/// </summary>
public sealed class CatalogException : Exception
{
    public CatalogException(CatalogErrorKind kind, string catalogPath, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        CatalogPath = catalogPath;
    }

    public CatalogErrorKind Kind { get; }

    /// <summary>Full path of the catalog file concerned.</summary>
    public string CatalogPath { get; }
}
