using System.Security.Cryptography;
using GPhotosFs.Web;
using GPhotosFs.WebEmulator;
using Microsoft.Playwright;

namespace GPhotosFs.IntegrationTests.Infrastructure;

/// <summary>
/// An emulated photos.google.com account and a fresh library for the real CLI. GPHOTOSFS_WEB_URL and
/// GPHOTOSFS_CONFIG_DIR are set on this test process for its lifetime, so every gphotosfs it starts
/// (web login, sync, the mount daemon) uses the emulator; the tests of this assembly run one at a time.
/// </summary>
internal sealed class WebAccount : IAsyncDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("gphotosfs-wlib-");
    private readonly Dictionary<string, string?> _saved = [];

    private WebAccount(WebEmulatorServer emulator)
    {
        Emulator = emulator;
        foreach (var (name, value) in new Dictionary<string, string> { ["GPHOTOSFS_WEB_URL"] = emulator.BaseUri.ToString(), ["GPHOTOSFS_CONFIG_DIR"] = ConfigFolder })
        {
            _saved[name] = Environment.GetEnvironmentVariable(name);
            Environment.SetEnvironmentVariable(name, value);
        }

        Directory.CreateDirectory(ConfigFolder);
        // Two tabs, and a grid try ends after 0.4 s without a grid request (the emulator answers at once).
        File.WriteAllText(Path.Combine(ConfigFolder, "config.json"), """{ "web": { "tabs": 2, "grid_quiet": 0.4 } }""");
    }

    public WebEmulatorServer Emulator { get; }

    public string Library => Path.Combine(_dir.FullName, "library");

    public string ConfigFolder => Path.Combine(_dir.FullName, "config");

    public string Profile => WebBrowser.ProfileFolder(ConfigFolder);

    public string CacheFolder => Path.Combine(Library, "cache");

    public static async Task<WebAccount> StartAsync(WebEmulatorOptions options) => new(await WebEmulatorServer.StartAsync(options));

    /// <summary>
    /// The user signs in on the emulator's sign-in page in their own browser (a headless Chromium this
    /// test drives), exports its cookies as cookies.txt, and gives them to `gphotosfs web login --cookies`.
    /// </summary>
    public async Task<CommandResult> SignInWithCookiesAsync()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = HeadlessChromium.Executable, Headless = true });
        var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(Emulator.BaseUri.ToString());
        Assert.Contains("/photos/about/", page.Url); // signed out: Google's about page
        await page.GetByText("Go to Google Photos").ClickAsync();
        await page.Locator("input[name=identifier]").FillAsync(Emulator.Options.Email);
        await page.Locator("input[name=Passwd]").FillAsync(Emulator.Options.Password);
        await page.Locator("#next").ClickAsync();
        await page.WaitForSelectorAsync(WebSelectors.Tile); // the library
        var cookies = Path.Combine(_dir.FullName, "cookies.txt");
        await File.WriteAllTextAsync(cookies, NetscapeCookies.Format(await context.CookiesAsync()));
        return Tools.RunGphotosfs("web", "login", "--library", Library, "--cookies", cookies);
    }

    public CommandResult Sync(params string[] more) => Tools.RunGphotosfs(["sync", "--library", Library, .. more]);

    public CommandResult Status() => Tools.RunGphotosfs("status", "--library", Library);

    /// <summary>Every original the emulator serves (processing videos aside): its place in the mount → SHA-256.</summary>
    public Dictionary<string, string> ExpectedTree() =>
        Emulator.Library.ExpectedTree().ToDictionary(e => e.Path, e => Hash(e.Bytes));

    /// <summary>The regular files under <paramref name="root"/>/photos → SHA-256.</summary>
    public static Dictionary<string, string> TreeOf(string root) =>
        Directory.EnumerateFiles(Path.Combine(root, "photos"), "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(root, f), f => Hash(File.ReadAllBytes(f)));

    private static string Hash(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes));

    public async ValueTask DisposeAsync()
    {
        ChromiumProcesses.KillAll(Profile);
        await Emulator.DisposeAsync();
        foreach (var (name, value) in _saved) Environment.SetEnvironmentVariable(name, value);
        _dir.Delete(recursive: true);
    }
}
