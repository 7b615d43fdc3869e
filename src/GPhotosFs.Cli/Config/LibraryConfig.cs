using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GPhotosFs.Library;

namespace GPhotosFs.Cli.Config;

/// <summary>
/// A library's <c>config.json</c> in its config folder (see LibraryLocation.ConfigFolder): where the
/// library and its cache are, how it is mounted, how often it syncs, when it counts as stale and
/// where health pings go. The file is a JSON object shared with other parts (the Google sources
/// keep their <c>"endpoints"</c> here), so it is held as a JSON tree: keys this class does not know
/// survive every rewrite untouched. Command-line options always win over the file.
/// </summary>
public sealed class LibraryConfig
{
    public const string FileName = "config.json";

    public const string LibraryKey = "library";
    public const string CacheFolderKey = "cache_folder";
    public const string MountPointKey = "mount_point";
    public const string MountOptionsKey = "mount_options";
    public const string SyncIntervalKey = "sync_interval";
    public const string StaleAfterKey = "stale_after";
    public const string HealthcheckUrlKey = "healthcheck_url";

    /// <summary>A library whose last good sync is older than this is unhealthy, unless configured otherwise.</summary>
    public static readonly TimeSpan DefaultStaleAfter = TimeSpan.FromDays(2);

    public static readonly TimeSpan DefaultSyncInterval = TimeSpan.FromHours(6);

    private static readonly JsonSerializerOptions WriteOptions = new() { WriteIndented = true };

    private readonly JsonObject _root;

    private LibraryConfig(string path, JsonObject root)
    {
        Path = path;
        _root = root;
    }

    /// <summary>The file this configuration was read from (or will be written to).</summary>
    public string Path { get; }

    public bool Exists => File.Exists(Path);

    public string? Library { get => GetString(LibraryKey); set => SetString(LibraryKey, value); }

    /// <summary>Where complete originals are kept, when not the library's own cache/ folder.</summary>
    public string? CacheFolder { get => GetString(CacheFolderKey); set => SetString(CacheFolderKey, value); }

    /// <summary>The default mount point for <c>gphotosfs mount</c> and the systemd unit.</summary>
    public string? MountPoint { get => GetString(MountPointKey); set => SetString(MountPointKey, value); }

    /// <summary>Comma-separated <c>-o</c> options applied before the command line's.</summary>
    public string? MountOptions { get => GetString(MountOptionsKey); set => SetString(MountOptionsKey, value); }

    public TimeSpan SyncInterval
    {
        get => GetDuration(SyncIntervalKey) ?? DefaultSyncInterval;
        set => SetString(SyncIntervalKey, Duration.Format(value));
    }

    public TimeSpan StaleAfter
    {
        get => GetDuration(StaleAfterKey) ?? DefaultStaleAfter;
        set => SetString(StaleAfterKey, Duration.Format(value));
    }

    /// <summary>A healthchecks.io-style check URL (it is a secret of sorts: it is never logged).</summary>
    public Uri? HealthcheckUrl
    {
        get => GetString(HealthcheckUrlKey) is { } text ? ParseHealthcheckUrl(text, $"{Path}: {HealthcheckUrlKey}") : null;
        set => SetString(HealthcheckUrlKey, value?.AbsoluteUri);
    }

    /// <summary>
    /// A section another part owns (e.g. the Google sources' <c>"endpoints"</c>), as a copy: change it
    /// and give it back with <see cref="SetSection"/>, then <see cref="Save"/>. Null when absent.
    /// </summary>
    /// <exception cref="ConfigException">The key holds something other than a JSON object.</exception>
    public JsonObject? GetSection(string key) => _root.TryGetPropertyValue(key, out var value) && value is not null
        ? value as JsonObject is { } section ? (JsonObject)section.DeepClone() : throw new ConfigException($"{Path}: \"{key}\" must be an object {{ ... }}, not {value.ToJsonString()}.")
        : null;

    /// <summary>Replaces (or with null removes) a section; every other key is kept.</summary>
    public void SetSection(string key, JsonObject? section)
    {
        if (section is null)
        {
            _root.Remove(key);
        }
        else
        {
            _root[key] = section.DeepClone();
        }
    }

    /// <summary>Parses a ping URL: absolute http(s).</summary>
    public static Uri ParseHealthcheckUrl(string text, string what) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new ConfigException($"{what}: expected an http:// or https:// URL, not '{text}'.");

    /// <summary>An empty configuration to be saved at <paramref name="path"/>.</summary>
    public static LibraryConfig New(string path) => new(path, []);

    /// <summary>Reads <paramref name="path"/>; a missing file is an empty configuration.</summary>
    /// <exception cref="ConfigException">The file is not a JSON object, or a known key has a bad value; the message names the file and line.</exception>
    public static LibraryConfig Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return New(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"{path}: cannot be read ({ex.Message}).", ex);
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            var line = ex.LineNumber is { } l ? $"line {l + 1}, column {(ex.BytePositionInLine ?? 0) + 1}" : "somewhere";
            throw new ConfigException($"{path}: {line}: not valid JSON; fix or remove the file. ({FirstSentence(ex.Message)})", ex);
        }

        if (node is not JsonObject root)
        {
            throw new ConfigException($"{path}: line 1: expected a JSON object {{ ... }}, found {node?.GetValueKind().ToString() ?? "null"}.");
        }

        var config = new LibraryConfig(path, root);
        config.Validate();
        return config;
    }

    /// <summary>Writes the file atomically, mode 0600, in a folder of mode 0700; keys this class does not know are kept as they were.</summary>
    public void Save()
    {
        var folder = System.IO.Path.GetDirectoryName(Path)!;
        if (!Directory.Exists(folder))
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var temporary = Path + ".tmp";
        var options = new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        };
        using (var stream = new FileStream(temporary, options))
        {
            stream.Write(Encoding.UTF8.GetBytes(_root.ToJsonString(WriteOptions) + "\n"));
            stream.Flush(flushToDisk: true);
        }

        File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temporary, Path, overwrite: true);
    }

    /// <summary>Reads every known key once, so a bad value is reported at load time, naming the file.</summary>
    private void Validate()
    {
        foreach (var key in new[] { LibraryKey, CacheFolderKey, MountPointKey, MountOptionsKey, SyncIntervalKey, StaleAfterKey, HealthcheckUrlKey })
        {
            _ = GetString(key);
        }

        _ = SyncInterval;
        _ = StaleAfter;
        _ = HealthcheckUrl;
    }

    private string? GetString(string key)
    {
        if (!_root.TryGetPropertyValue(key, out var value) || value is null)
        {
            return null;
        }

        return value.GetValueKind() == JsonValueKind.String
            ? value.GetValue<string>()
            : throw new ConfigException($"{Path}: \"{key}\" must be a string, not {value.ToJsonString()}.");
    }

    private void SetString(string key, string? value)
    {
        if (value is null)
        {
            _root.Remove(key);
        }
        else
        {
            _root[key] = value;
        }
    }

    private TimeSpan? GetDuration(string key)
    {
        if (GetString(key) is not { } text)
        {
            return null;
        }

        try
        {
            return Duration.Parse(text, $"{Path}: \"{key}\"");
        }
        catch (ArgumentException ex)
        {
            throw new ConfigException(ex.Message, ex);
        }
    }

    private static string FirstSentence(string message) => message.Split(" Path:", 2)[0].TrimEnd('.');
}
