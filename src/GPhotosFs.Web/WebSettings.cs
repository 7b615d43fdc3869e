using System.Globalization;
using System.Text.Json;

namespace GPhotosFs.Web;

/// <summary>
/// How the web source works, from the <c>"web"</c> object of the library's config.json (and the base
/// URL as the Google endpoints are: <c>$GPHOTOSFS_WEB_URL</c>, else <c>"endpoints": {"web_url": …}</c>,
/// else https://photos.google.com). Keys: <c>tabs</c> (1–3), <c>downloads_per_minute</c> (0 = as fast as
/// the tabs go), <c>full_walk</c> (seconds between walks of the whole grid, default a week),
/// <c>step_timeout</c> (seconds one page step may take), <c>grid_settle</c> (seconds the grid gets to
/// load more tiles before the walk counts a try as empty), <c>grid_quiet</c> (seconds without a grid request that end a try early), <c>chromium</c> (the browser's path).
/// </summary>
public sealed record WebSettings
{
    public const string DefaultUrl = "https://photos.google.com/";
    public const string UrlVariable = "GPHOTOSFS_WEB_URL";

    public Uri BaseUrl { get; init; } = new(DefaultUrl);

    public int Tabs { get; init; } = 3;

    public double DownloadsPerMinute { get; init; }

    public TimeSpan FullWalkInterval { get; init; } = TimeSpan.FromDays(7);

    public TimeSpan StepTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan GridSettle { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>After this long with no grid request in flight, a try that brought no new tile counts as empty.</summary>
    public TimeSpan GridQuiet { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Tries the grid gets to show something new before the walk ends.</summary>
    public int GridTries { get; init; } = 3;

    /// <summary>Items in a row whose pages stay stuck (after a reload and a browser restart each) before the sync ends as stuck; one such item alone is retried at the next sync.</summary>
    public int StuckItemsInARow { get; init; } = 3;

    /// <summary>A tab is closed and a new one opened after this many items (Chromium's memory stays flat).</summary>
    public int ItemsPerTab { get; init; } = 40;

    public string ChromiumPath { get; init; } = "/usr/bin/chromium";

    /// <exception cref="WebConfigException">config.json or the variable is unusable; the message names it.</exception>
    public static WebSettings Read(string configFolder, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var path = Path.Combine(configFolder, "config.json");
        var settings = new WebSettings();
        JsonElement web = default, endpoints = default;
        if (File.Exists(path))
        {
            try
            {
                using var document = JsonDocument.Parse(File.ReadAllText(path));
                if (document.RootElement.ValueKind == JsonValueKind.Object)
                {
                    if (document.RootElement.TryGetProperty("web", out var w) && w.ValueKind == JsonValueKind.Object) web = w.Clone();
                    if (document.RootElement.TryGetProperty("endpoints", out var e) && e.ValueKind == JsonValueKind.Object) endpoints = e.Clone();
                }
            }
            catch (JsonException ex)
            {
                throw new WebConfigException($"{path} is not valid JSON: {ex.Message}");
            }
        }

        if (environment(UrlVariable) is { Length: > 0 } url) settings = settings with { BaseUrl = ParseUrl(url, $"${UrlVariable}") };
        else if (endpoints.ValueKind == JsonValueKind.Object && endpoints.TryGetProperty("web_url", out var u) && u.ValueKind == JsonValueKind.String)
            settings = settings with { BaseUrl = ParseUrl(u.GetString()!, $"\"endpoints\".\"web_url\" in {path}") };

        if (web.ValueKind != JsonValueKind.Object) return settings;
        double Number(string key, double fallback, double min, double max)
        {
            if (!web.TryGetProperty(key, out var v)) return fallback;
            if (v.ValueKind == JsonValueKind.Number && v.GetDouble() is var d && d >= min && d <= max) return d;
            throw new WebConfigException($"\"web\".\"{key}\" in {path} must be a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");
        }

        return settings with
        {
            Tabs = (int)Number("tabs", settings.Tabs, 1, 3),
            DownloadsPerMinute = Number("downloads_per_minute", settings.DownloadsPerMinute, 0, 10_000),
            FullWalkInterval = TimeSpan.FromSeconds(Number("full_walk", settings.FullWalkInterval.TotalSeconds, 0, 365 * 86400.0)),
            StepTimeout = TimeSpan.FromSeconds(Number("step_timeout", settings.StepTimeout.TotalSeconds, 1, 600)),
            GridSettle = TimeSpan.FromSeconds(Number("grid_settle", settings.GridSettle.TotalSeconds, 0.1, 120)),
            GridQuiet = TimeSpan.FromSeconds(Number("grid_quiet", settings.GridQuiet.TotalSeconds, 0.05, 60)),
            ItemsPerTab = (int)Number("items_per_tab", settings.ItemsPerTab, 1, 100_000),
            ChromiumPath = web.TryGetProperty("chromium", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString()! : settings.ChromiumPath,
        };
    }

    private static Uri ParseUrl(string value, string where) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? (uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/"))
            : throw new WebConfigException($"{where} is not an absolute http(s) URL: '{value}'");
}

/// <summary>The web source's configuration is unusable; the message names the file or variable.</summary>
public sealed class WebConfigException(string message) : Exception(message);
