using System.Text.Json;

namespace GPhotosFs.Google;

/// <summary>
/// Google's base URLs, replaceable for proxies and tests: an environment variable
/// (GPHOTOSFS_OAUTH_AUTH_URL, GPHOTOSFS_OAUTH_TOKEN_URL, GPHOTOSFS_LIBRARY_API_URL,
/// GPHOTOSFS_PICKER_API_URL, GPHOTOSFS_DRIVE_API_URL) wins over the "endpoints" object of the
/// library's config.json (keys oauth_auth_url, oauth_token_url, library_api_url, picker_api_url,
/// drive_api_url), which wins over Google's. The Drive URL stands for https://www.googleapis.com:
/// the Drive client appends drive/v3/… itself.
/// </summary>
public sealed record GoogleEndpoints(Uri OAuthAuthUrl, Uri OAuthTokenUrl, Uri LibraryApiUrl, Uri PickerApiUrl)
{
    public static readonly Uri GoogleDriveApiUrl = new("https://www.googleapis.com/");

    /// <summary>Drive v3's host (with a trailing slash); requests go to drive/v3/… under it.</summary>
    public Uri DriveApiUrl { get; init; } = GoogleDriveApiUrl;

    public static readonly GoogleEndpoints Google = new(
        new Uri("https://accounts.google.com/o/oauth2/v2/auth"),
        new Uri("https://oauth2.googleapis.com/token"),
        new Uri("https://photoslibrary.googleapis.com/"),
        new Uri("https://photospicker.googleapis.com/"));

    public const string ConfigFileName = "config.json";

    /// <summary>Resolves the endpoints for a library whose configuration lives in <paramref name="configFolder"/>.</summary>
    /// <exception cref="GoogleConfigException">config.json or a variable holds something that is not an absolute http(s) URL.</exception>
    public static GoogleEndpoints Resolve(string configFolder, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var configured = ReadConfig(Path.Combine(configFolder, ConfigFileName));
        Uri Pick(string variable, string key, Uri fallback)
        {
            if (environment(variable) is { Length: > 0 } fromEnvironment)
            {
                return Parse(fromEnvironment, $"${variable}");
            }

            return configured.TryGetValue(key, out var fromConfig) ? Parse(fromConfig, $"\"endpoints\".\"{key}\" in {Path.Combine(configFolder, ConfigFileName)}") : fallback;
        }

        return new GoogleEndpoints(
            Pick("GPHOTOSFS_OAUTH_AUTH_URL", "oauth_auth_url", Google.OAuthAuthUrl),
            Pick("GPHOTOSFS_OAUTH_TOKEN_URL", "oauth_token_url", Google.OAuthTokenUrl),
            WithSlash(Pick("GPHOTOSFS_LIBRARY_API_URL", "library_api_url", Google.LibraryApiUrl)),
            WithSlash(Pick("GPHOTOSFS_PICKER_API_URL", "picker_api_url", Google.PickerApiUrl)))
        {
            DriveApiUrl = WithSlash(Pick("GPHOTOSFS_DRIVE_API_URL", "drive_api_url", GoogleDriveApiUrl)),
        };
    }

    private static Dictionary<string, string> ReadConfig(string path)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return result;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            if (document.RootElement.ValueKind == JsonValueKind.Object &&
                document.RootElement.TryGetProperty("endpoints", out var endpoints) && endpoints.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in endpoints.EnumerateObject())
                {
                    if (property.Value.ValueKind == JsonValueKind.String)
                    {
                        result[property.Name] = property.Value.GetString()!;
                    }
                }
            }
        }
        catch (JsonException ex)
        {
            throw new GoogleConfigException($"{path} is not valid JSON: {ex.Message}");
        }

        return result;
    }

    private static Uri Parse(string value, string where) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new GoogleConfigException($"{where} is not an absolute http(s) URL: '{value}'");

    // Relative paths ("v1/mediaItems") resolve under the base only when it ends in '/'.
    private static Uri WithSlash(Uri uri) => uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}

/// <summary>The library's Google configuration is unusable; the message names the file or variable.</summary>
public sealed class GoogleConfigException(string message) : Exception(message);
