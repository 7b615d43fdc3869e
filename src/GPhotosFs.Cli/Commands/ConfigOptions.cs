using System.CommandLine;
using GPhotosFs.Cli.Config;
using GPhotosFs.Library;

namespace GPhotosFs.Cli.Commands;

/// <summary>The command-line twins of the config file's keys (the command line wins over the file).</summary>
internal static class ConfigOptions
{
    public static Option<string?> CacheFolder() => new("--cache-folder")
    {
        Description = $"Keep downloaded originals here instead of LIBRARY/cache (config \"{LibraryConfig.CacheFolderKey}\")",
        HelpName = "DIR",
    };

    public static Option<string?> StaleAfter() => new("--stale-after")
    {
        Description = $"Unhealthy when the last good sync is older than this, e.g. 2d (config \"{LibraryConfig.StaleAfterKey}\", default 2d)",
        HelpName = "DURATION",
    };

    public static Option<string?> SyncInterval() => new("--sync-interval")
    {
        Description = $"How often scheduled syncs run, e.g. 6h (config \"{LibraryConfig.SyncIntervalKey}\", default 6h)",
        HelpName = "DURATION",
    };

    public static Option<string?> HealthcheckUrl() => new("--healthcheck-url")
    {
        Description = $"Ping this healthchecks.io-style URL: URL/start when work starts, URL on success, URL/fail on failure (config \"{LibraryConfig.HealthcheckUrlKey}\")",
        HelpName = "URL",
    };

    /// <summary>The stale threshold: the option, else the config file's.</summary>
    public static TimeSpan StaleAfterFrom(string? option, LibraryConfig config) =>
        option is null ? config.StaleAfter : Duration.Parse(option, "--stale-after");

    /// <summary>The ping URL: the option ("" turns pings off), else the config file's.</summary>
    /// <exception cref="ArgumentException">The option is not an http(s) URL (a usage error, unlike a bad config file).</exception>
    public static Uri? HealthcheckUrlFrom(string? option, LibraryConfig config)
    {
        try
        {
            return option switch
            {
                null => config.HealthcheckUrl,
                "" => null,
                _ => LibraryConfig.ParseHealthcheckUrl(option, "--healthcheck-url"),
            };
        }
        catch (ConfigException ex) when (option is { Length: > 0 })
        {
            throw new ArgumentException(ex.Message, nameof(option), ex);
        }
    }
}
