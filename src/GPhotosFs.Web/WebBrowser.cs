using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace GPhotosFs.Web;

/// <summary>
/// Debian's Chromium on the library's persistent profile, driven through Playwright's bundled driver
/// (nothing is downloaded: PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD, and the browser is the system's). At most
/// <see cref="WebSettings.Tabs"/> tabs work at once, each closed and replaced after
/// <see cref="WebSettings.ItemsPerTab"/> items so the renderer's memory stays flat. The driver ends the
/// browser when this process dies (it watches its stdin, even after a kill -9); a browser left on the
/// profile by anything else is killed before the next launch and at dispose.
/// </summary>
public sealed class WebBrowser : IAsyncDisposable
{
    private readonly WebSettings _settings;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _tabs;
    private readonly SemaphoreSlim _restart = new(1, 1);
    private IPlaywright? _playwright;
    private IBrowserContext? _context;
    private int _generation;

    private WebBrowser(WebSettings settings, string profile, string downloads, bool headless, ILogger logger)
    {
        _settings = settings;
        Profile = profile;
        DownloadsFolder = downloads;
        Headless = headless;
        _logger = logger;
        _tabs = new SemaphoreSlim(settings.Tabs, settings.Tabs);
    }

    /// <summary>
    /// Runs in every page before the site's own scripts: counts the page's fetch/XHR requests in flight
    /// and when the last started or ended (performance.now()), so the grid walk can tell "still loading"
    /// from "nothing more to load" without relying on the site's internals.
    /// </summary>
    public const string ActivityScript = """
        (() => {
          if (window.__gphotosfsActivity) return;
          const a = window.__gphotosfsActivity = { inflight: 0, last: performance.now() };
          const begin = () => { a.inflight++; a.last = performance.now(); };
          const end = () => { a.inflight--; a.last = performance.now(); };
          const fetch0 = window.fetch;
          if (fetch0) window.fetch = function (...args) { begin(); return fetch0.apply(this, args).finally(end); };
          const send0 = XMLHttpRequest.prototype.send;
          XMLHttpRequest.prototype.send = function (...args) { begin(); this.addEventListener('loadend', end, { once: true }); return send0.apply(this, args); };
        })();
        """;

    public string Profile { get; }

    public string DownloadsFolder { get; }

    public bool Headless { get; }

    public IBrowserContext Context => _context ?? throw new ObjectDisposedException(nameof(WebBrowser));

    /// <summary>The profile folder of a library: in its config folder, private (0700).</summary>
    public static string ProfileFolder(string configFolder) => Path.Combine(configFolder, "web-profile");

    public static async Task<WebBrowser> LaunchAsync(WebSettings settings, string profile, string downloads, bool headless, ILogger logger, CancellationToken cancellationToken)
    {
        var browser = new WebBrowser(settings, profile, downloads, headless, logger);
        await browser.StartAsync(cancellationToken).ConfigureAwait(false);
        return browser;
    }

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Private(Profile);
        Private(DownloadsFolder);
        foreach (var pid in ChromiumProcesses.OnProfile(Profile))
        {
            WebLog.ReapedLeftover(_logger, pid);
        }

        ChromiumProcesses.KillAll(Profile);
        // A killed browser leaves its singleton lock; Chromium would refuse the profile ("in use by another process").
        foreach (var name in new[] { "SingletonLock", "SingletonSocket", "SingletonCookie" })
        {
            File.Delete(Path.Combine(Profile, name));
        }

        if (!File.Exists(_settings.ChromiumPath))
        {
            throw new WebConfigException($"Chromium is not installed at {_settings.ChromiumPath}: `apt-get install chromium` (or set \"web\": {{\"chromium\": PATH}} in config.json)");
        }

        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync().ConfigureAwait(false);
        _context = await _playwright.Chromium.LaunchPersistentContextAsync(Path.GetFullPath(Profile), new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = _settings.ChromiumPath,
            Headless = Headless,
            AcceptDownloads = true,
            DownloadsPath = DownloadsFolder,
            Timeout = (float)(_settings.StepTimeout.TotalMilliseconds * 2),
            HandleSIGINT = false,
            HandleSIGTERM = false,
            HandleSIGHUP = false,
            Args = ["--no-first-run", "--no-default-browser-check", "--disable-dev-shm-usage", "--disable-features=Translate,MediaRouter", "--password-store=basic"],
        }).ConfigureAwait(false);
        await _context.AddInitScriptAsync(ActivityScript).ConfigureAwait(false);
        _context.SetDefaultTimeout((float)_settings.StepTimeout.TotalMilliseconds);
        _context.SetDefaultNavigationTimeout((float)_settings.StepTimeout.TotalMilliseconds);
        WebLog.BrowserStarted(_logger, _settings.ChromiumPath, Profile, ChromiumProcesses.OnProfile(Profile).Cast<int?>().FirstOrDefault());
    }

    /// <summary>A tab to work in, waiting while all are busy; dispose the lease to give it back.</summary>
    public async Task<TabLease> AcquireTabAsync(CancellationToken cancellationToken)
    {
        await _tabs.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var generation = Volatile.Read(ref _generation);
            var page = await Context.NewPageAsync().ConfigureAwait(false);
            return new TabLease(this, page, generation);
        }
        catch
        {
            _tabs.Release();
            throw;
        }
    }

    /// <summary>Closes and relaunches the browser (a stuck browser); tabs of the old one stop working.</summary>
    public async Task RestartAsync(int seenGeneration, CancellationToken cancellationToken)
    {
        await _restart.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Volatile.Read(ref _generation) != seenGeneration) return; // another tab restarted it already
            await StopAsync().ConfigureAwait(false);
            await StartAsync(cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref _generation);
        }
        finally
        {
            _restart.Release();
        }
    }

    internal int Generation => Volatile.Read(ref _generation);

    private async Task StopAsync()
    {
        if (_context is { } context)
        {
            _context = null;
            try
            {
                // Closed, not killed, so the profile's cookies are written (Google rotates some while
                // signed in); a browser that does not close within a step's time is killed below.
                await context.CloseAsync().WaitAsync(_settings.StepTimeout < TimeSpan.FromSeconds(10) ? _settings.StepTimeout : TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
            {
                // a stuck or dead browser: killed below
            }
        }

        _playwright?.Dispose();
        _playwright = null;
        ChromiumProcesses.KillAll(Profile);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _tabs.Dispose();
        _restart.Dispose();
    }

    private static void Private(string folder)
    {
        Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>One working tab; disposing closes it and frees its slot.</summary>
    public sealed class TabLease(WebBrowser owner, IPage page, int generation) : IAsyncDisposable
    {
        private int _disposed;

        public IPage Page { get; } = page;

        /// <summary>The browser launch this tab belongs to (for <see cref="RestartAsync"/>).</summary>
        public int Generation { get; } = generation;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
            try
            {
                await Page.CloseAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is PlaywrightException or TimeoutException or ObjectDisposedException)
            {
                // the browser was restarted or died: the tab is gone with it
            }
            finally
            {
                owner._tabs.Release();
            }
        }
    }
}
