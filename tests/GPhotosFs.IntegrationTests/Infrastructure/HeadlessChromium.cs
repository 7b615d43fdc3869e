namespace GPhotosFs.IntegrationTests.Infrastructure;

/// <summary>Debian's chromium, headless, as a user's browser: the DOM it rendered and a screenshot.</summary>
internal static class HeadlessChromium
{
    public const string Executable = "/usr/bin/chromium";

    private static readonly string[] Flags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-extensions", "--window-size=1280,2000",
    ];

    /// <summary>The DOM after loading <paramref name="url"/>.</summary>
    public static string DumpDom(string url)
    {
        using var profile = new TempFolder();
        var result = Tools.Run(Executable, TimeSpan.FromMinutes(2), [.. Flags, $"--user-data-dir={profile.Path}", "--dump-dom", url]);
        result.AssertSuccess("chromium --dump-dom");
        return result.Stdout;
    }

    /// <summary>Saves a PNG of <paramref name="url"/> at <paramref name="path"/>.</summary>
    public static void Screenshot(string url, string path)
    {
        using var profile = new TempFolder();
        Tools.Run(Executable, TimeSpan.FromMinutes(2), [.. Flags, $"--user-data-dir={profile.Path}", $"--screenshot={path}", url]).AssertSuccess("chromium --screenshot");
        Assert.True(File.Exists(path) && new FileInfo(path).Length > 10_000, $"no screenshot at {path}");
    }
}
