using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using GPhotosFs.Catalog;
using GPhotosFs.IntegrationTests.Infrastructure;
using GPhotosFs.TestOrigin;

namespace GPhotosFs.IntegrationTests;

/// <summary>
/// The status page and /metrics of a real mount (-o status_port) after a Takeout add, a good and a
/// failing sync, a prefetch with a broken original and a failed read, as headless Chromium shows it
/// and as Prometheus would scrape it; and the same page without a mount (status --serve).
/// </summary>
public sealed partial class StatusPageTests : IAsyncLifetime
{
    private static readonly string[] FastRetries = ["-o", "throttle_floor=1,retry_delay_ms=50,catalog_poll=0"];

    private readonly TempFolder _library = new();
    private readonly TempFolder _exports = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private TestOriginServer _origin = null!;

    private string Library => _library.Path;

    public async Task InitializeAsync() => _origin = await TestOriginServer.StartAsync(new OriginOptions { ServeUnsignedFiles = true });

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _origin.DisposeAsync();
        _library.Dispose();
        _exports.Dispose();
    }

    [FuseFact]
    public async Task The_page_of_a_mount_shows_its_syncs_prefetch_failures_and_cache_and_metrics_parse()
    {
        // A library with a downloading source (the demo over the origin) and a Takeout source.
        Tools.RunGphotosfs("demo", Library, "--force", "--origin", _origin.UnsignedUrlFor("").AbsoluteUri).AssertSuccess("gphotosfs demo");
        _origin.AddDirectory(Path.Combine(Library, "originals"));
        Tools.RunGphotosfs("takeout", "sample", _exports.Path, "--items", "6", "--parts", "2", "--format", "zip").AssertSuccess("takeout sample");
        var parts = Directory.GetFiles(_exports.Path, "*.zip", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(2, parts.Length);
        Tools.RunGphotosfs(["takeout", "add", .. parts, "--library", Library]).AssertSuccess("takeout add");

        // One original on the origin is garbled: it fails verification, on prefetch and on read.
        var downloads = HttpItems();
        var broken = downloads.First(i => i.MountPath.EndsWith(".jpg", StringComparison.Ordinal));
        var bytes = File.ReadAllBytes(broken.Original);
        bytes[^1] = 0x00;
        File.WriteAllBytes(broken.Original, bytes);
        var good = downloads.First(i => i.MountPath != broken.MountPath && i.MountPath.EndsWith(".jpg", StringComparison.Ordinal));

        var port = FreePort();
        using var mount = new MountedLibrary(Library, [.. FastRetries, "-o", $"status_port={port}"]);
        var page = new Uri($"http://127.0.0.1:{port}/");

        // Downloads through the mount (in the daemon: its counters and FUSE timings), a failed read, a good sync.
        Tools.Run("cat", mount[good.MountPath]).AssertSuccess("reading a downloaded original");
        Assert.NotEqual(0, Tools.Run("cat", mount[broken.MountPath]).ExitCode);
        Tools.RunGphotosfs("sync", "--library", Library).AssertSuccess("sync");

        // A prefetch that cannot get the garbled original, then a sync that finds an archive gone.
        var prefetch = Tools.RunGphotosfs("prefetch", "--library", Library);
        Assert.Equal(1, prefetch.ExitCode);
        File.Move(parts[1], parts[1] + ".moved");
        Assert.Equal(12, Tools.RunGphotosfs("sync", "--library", Library).ExitCode); // the Takeout source is unavailable

        string html = "";
        Assert.True(
            Tools.WaitUntil(() => (html = _http.GetStringAsync(page).GetAwaiter().GetResult()).Contains("data-sync-failures=\"1\"", StringComparison.Ordinal), TimeSpan.FromSeconds(30)),
            "the page never showed the failed sync: " + html);

        // What a person sees, in a real browser.
        var dom = HeadlessChromium.DumpDom(page.AbsoluteUri);
        var screenshot = Path.Combine(AppContext.BaseDirectory, "status-page.png");
        HeadlessChromium.Screenshot(page.AbsoluteUri, screenshot);

        Assert.Contains("<body data-healthy=\"false\">", dom);
        Assert.Contains("UNHEALTHY", dom);
        Assert.Matches(new Regex("<tr data-source=\"takeout\" data-state=\"unavailable\">.*?takeout remove PART", RegexOptions.Singleline), dom);
        Assert.Matches(new Regex("<tr data-source=\"demo\" data-state=\"ok\">.*?Nothing to do", RegexOptions.Singleline), dom);
        Assert.Contains("data-syncs=\"2\"", dom);
        Assert.Equal(2, Regex.Matches(dom, "<rect class=\"bar (ok|failed)\"[^>]*data-value").Count(m => m.Value.Contains("bar ok") || m.Value.Contains("bar failed")) / 2);
        Assert.Contains("<tr data-run=\"prefetch\" data-result=\"failed\">", dom);
        Assert.Contains("<tr data-run=\"takeout_add\" data-result=\"ok\">", dom);
        Assert.Contains("<tr data-run=\"mount\" data-result=\"running\">", dom);
        Assert.Contains("data-chart=\"cache-size\"", dom);
        Assert.Matches("<path class=\"line cache\"[^>]*data-value=\"[1-9]", dom);

        // Recent errors name the item, in the daemon's failed read and in the prefetch's run.
        var errors = Regex.Matches(dom, "<li class=\"error\">(.*?)</li>").Select(m => m.Groups[1].Value).ToList();
        Assert.Contains(errors, e => e.Contains("download (verification)", StringComparison.Ordinal) && e.Contains(Path.GetFileName(broken.MountPath), StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("prefetch", StringComparison.Ordinal) && e.Contains(broken.MountPath, StringComparison.Ordinal));

        // Items per year: one bar per capture year, summing to what the mount shows.
        var yearBars = Regex.Matches(dom, "data-chart=\"items-per-year\".*?</svg>", RegexOptions.Singleline).Single().Value;
        var perYear = Regex.Matches(yearBars, "data-value=\"(\\d+)\"").Sum(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        Assert.Equal(MountedFileCount(mount.Path), perYear);

        // Nothing from outside the library: not the archives' folder, not the origin's URL, not the mount point.
        Assert.DoesNotContain(_exports.Path, dom);
        Assert.DoesNotContain(_origin.UnsignedUrlFor("").AbsoluteUri, dom);
        Assert.DoesNotContain(mount.Path, dom);
        Assert.Contains($"{Path.GetFileName(parts[1])} is missing from …/{Path.GetFileName(Path.GetDirectoryName(parts[1]))}", dom);

        // Prometheus: the scrape parses, and says what happened.
        var metrics = ParseMetrics(await _http.GetStringAsync(new Uri(page, "metrics")));
        Assert.True(metrics["gphotosfs_downloads_total"] >= 1);
        Assert.True(metrics["gphotosfs_download_bytes_total"] >= new FileInfo(good.Original).Length);
        Assert.True(metrics["gphotosfs_download_errors_total{kind=\"verification\"}"] >= 1);
        Assert.True(metrics["gphotosfs_fuse_operation_duration_seconds_count{operation=\"read\"}"] >= 1);
        Assert.True(metrics["gphotosfs_fuse_operation_duration_seconds_count{operation=\"lookup\"}"] >= 1);
        // The cache gauge is read at scrape time (at most 2 s old): it agrees with the folder once nothing moves.
        Assert.True(
            Tools.WaitUntil(() => ParseMetrics(_http.GetStringAsync(new Uri(page, "metrics")).GetAwaiter().GetResult())["gphotosfs_cache_files"] == CacheFileCount(), TimeSpan.FromSeconds(60)),
            $"gphotosfs_cache_files never matched the {CacheFileCount()} originals in the cache folder");
        Assert.Equal(1, metrics["gphotosfs_runs{kind=\"sync\",result=\"failed\"}"]);
        Assert.Equal(1, metrics["gphotosfs_runs{kind=\"sync\",result=\"ok\"}"]);
        Assert.Equal(0, metrics["gphotosfs_source_healthy{source=\"takeout\",state=\"unavailable\"}"]);
        Assert.Equal(0, metrics["gphotosfs_healthy"]);
        Assert.Equal(1, metrics["gphotosfs_mounted"]);

        // Read-only: nothing but GET and HEAD.
        using var post = await _http.PostAsync(page, new StringContent("x"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);

        // The history, on the command line, after the mount ended.
        Tools.Run("fusermount3", "-u", mount.Path).AssertSuccess("unmount");
        mount.WaitForDaemonExit();
        var history = Tools.RunGphotosfs("status", "--history", "--library", Library).AssertSuccess("status --history").Stdout;
        Assert.Matches(new Regex(@"^\S+ \S+\s+takeout_add takeout\s+ok .*$", RegexOptions.Multiline), history);
        Assert.Matches(new Regex(@"^\S+ \S+\s+prefetch\s+failed .*" + Regex.Escape(broken.MountPath) + ".*$", RegexOptions.Multiline), history);
        Assert.Matches(new Regex(@"^\S+ \S+\s+mount\s+ok .*$", RegexOptions.Multiline), history);
        Assert.Equal(2, Regex.Matches(history, @"^\S+ \S+\s+sync takeout\s+(ok|failed) ", RegexOptions.Multiline).Count);
    }

    [Fact]
    public async Task Status_serve_shows_the_page_and_metrics_without_a_mount_and_stops_on_sigterm()
    {
        Tools.RunGphotosfs("demo", Library, "--force").AssertSuccess("gphotosfs demo");
        var port = FreePort();
        using var serve = Tools.Start(Tools.Gphotosfs, "status", "--serve", "--port", port.ToString(CultureInfo.InvariantCulture), "--library", Library);
        var page = new Uri($"http://127.0.0.1:{port}/");
        string html = "";
        Assert.True(Tools.WaitUntil(() => TryGet(page, out html), TimeSpan.FromSeconds(60)), "status --serve never answered");
        Assert.Contains("not mounted", html);
        Assert.Contains("data-chart=\"items-per-year\"", html);
        var metrics = ParseMetrics(await _http.GetStringAsync(new Uri(page, "metrics")));
        Assert.Equal(0, metrics["gphotosfs_mounted"]);
        Assert.True(metrics["gphotosfs_library_items"] > 0);
        using (var missing = await _http.GetAsync(new Uri(page, "etc/passwd")))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        Tools.Signal(serve.Id, "TERM");
        Assert.True(serve.WaitForExit(TimeSpan.FromSeconds(30)), "status --serve did not stop on SIGTERM");
        Assert.Equal(0, serve.ExitCode);
    }

    private bool TryGet(Uri url, out string body)
    {
        try
        {
            body = _http.GetStringAsync(url).GetAwaiter().GetResult();
            return true;
        }
        catch (HttpRequestException)
        {
            body = "";
            return false;
        }
    }

    /// <summary>
    /// Parses the Prometheus text format strictly: every sample line is NAME{LABELS} VALUE, belongs
    /// to a metric announced by # TYPE, and histogram buckets never decrease.
    /// </summary>
    private static Dictionary<string, double> ParseMetrics(string text)
    {
        var samples = new Dictionary<string, double>(StringComparer.Ordinal);
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                types[parts[2]] = parts[3];
                continue;
            }

            if (line.StartsWith('#'))
            {
                continue;
            }

            var match = SampleLine().Match(line);
            Assert.True(match.Success, $"not a Prometheus sample line: {line}");
            var name = match.Groups["name"].Value;
            var family = Regex.Replace(name, "_(bucket|sum|count)$", "");
            Assert.True(types.ContainsKey(name) || (types.TryGetValue(family, out var t) && t == "histogram"), $"{name} has no # TYPE");
            samples[name + match.Groups["labels"].Value] = double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
        }

        foreach (var histogram in samples.Keys.Where(k => k.Contains("_bucket{", StringComparison.Ordinal)).GroupBy(k => Regex.Replace(k, ",?le=\"[^\"]*\"", "")))
        {
            var counts = histogram.Select(k => (Le: Regex.Match(k, "le=\"([^\"]*)\"").Groups[1].Value, Count: samples[k]))
                .OrderBy(b => b.Le == "+Inf" ? double.PositiveInfinity : double.Parse(b.Le, CultureInfo.InvariantCulture)).Select(b => b.Count).ToList();
            Assert.Equal(counts.Order(), counts);
        }

        return samples;
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?<labels>\{[^}]*\})? (?<value>[-+0-9.eE]+|NaN|\+Inf|-Inf)$")]
    private static partial Regex SampleLine();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private List<(string MountPath, string Original)> HttpItems()
    {
        using var catalog = LibraryCatalog.Open(Path.Combine(Library, "catalog.db"), CatalogAccess.ReadOnly);
        var http = catalog.GetSources().Where(s => s.Kind == "http").Select(s => s.Id).ToHashSet();
        return catalog.ReadTreeItems().Where(i => !i.IsTrashed)
            .Select(i => catalog.GetItem(i.Id)!)
            .Where(i => http.Contains(i.SourceId))
            .Select(i => ($"{i.DirPath}/{i.Name}", Path.Combine(Library, "originals", i.Locator!)))
            .ToList();
    }

    private static long MountedFileCount(string mountPoint) =>
        Directory.EnumerateFiles(Path.Combine(mountPoint, "photos"), "*", SearchOption.AllDirectories).LongCount();

    private long CacheFileCount() =>
        new DirectoryInfo(Path.Combine(Library, "cache")).EnumerateFiles("*", SearchOption.AllDirectories).LongCount(f => f.LinkTarget is null && !f.Name.EndsWith(".gphotosfs-tmp", StringComparison.Ordinal));
}
