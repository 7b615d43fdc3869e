namespace GPhotosFs.Catalog;

/// <summary>
/// The kinds of catalog source this build knows, as <see cref="SourceRecord.Kind"/> stores them
/// (never renamed: catalogs, status output and metrics carry them). What each kind does is
/// described once, by its ISourceKind in the source registry (src/GPhotosFs.Library/SourceRegistry.cs).
/// </summary>
public static class SourceKinds
{
    /// <summary>Originals are files below a local folder (config = the folder, relative to the library).</summary>
    public const string Local = "local";

    /// <summary>Originals are at BASE/locator over HTTP (config = BASE), downloaded into the cache.</summary>
    public const string Http = "http";

    /// <summary>Google Takeout exports (.zip/.tgz parts or extracted folders), read in place or extracted into the cache.</summary>
    public const string Takeout = "takeout";

    /// <summary>Google Photos Library API (only items the app uploaded, since 2025), downloaded into the cache.</summary>
    public const string GoogleLibrary = "google-library";

    /// <summary>Google Photos Picker API: items the user picked, copied into the cache when picked.</summary>
    public const string GooglePicker = "google-picker";

    /// <summary>photos.google.com in headless Chromium: the whole library, each original downloaded through the web UI into the cache.</summary>
    public const string GoogleWeb = "google-web";
}
