using System.Text.RegularExpressions;

namespace GPhotosFs.Web;

/// <summary>
/// Every word of photos.google.com the web source relies on, for one UI language. Nothing here is
/// documented by Google and it changes without notice (REFERENCE section 5): a mismatch is reported
/// as "the web UI changed", never guessed around. Add a language by adding a row to <see cref="All"/>.
/// </summary>
/// <param name="Lang">The page's <c>&lt;html lang&gt;</c> (first two letters).</param>
/// <param name="Photo">The first part of a photo tile's label ("Photo - Landscape - …").</param>
/// <param name="Video">The first part of a video tile's label.</param>
/// <param name="When">A tile label's date and time: groups day, mon (a name in <paramref name="Months"/>) or monnum, year (absent for the current year), hour, min, sec, ampm.</param>
/// <param name="InfoDate">The info panel's date after <paramref name="DateTaken"/>: groups day, mon or monnum, year.</param>
/// <param name="Months">Short month names as the labels write them, January first, lower case.</param>
/// <param name="Today">Words that stand for a date without one ("Today", "Yesterday"): the info panel has it.</param>
public sealed record WebLocale(
    string Lang,
    string Photo,
    string Video,
    Regex When,
    Regex InfoDate,
    IReadOnlyList<string> Months,
    IReadOnlyList<string> Today,
    string OpenInfo,
    string MoreOptions,
    string Download,
    string DownloadOriginal,
    string FileName,
    string DateTaken,
    string StillProcessing)
{
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.IgnoreCase;

    public static readonly WebLocale English = new(
        "en", "Photo", "Video",
        new Regex(@"^(?<mon>[a-z]{3,4})\.? (?<day>\d{1,2})(?:, (?<year>\d{4}))?, (?<hour>\d{1,2}):(?<min>\d{2})(?::(?<sec>\d{2}))? ?(?<ampm>AM|PM)$", Options),
        new Regex(@"^(?<mon>[a-z]{3,4})\.? (?<day>\d{1,2}), (?<year>\d{4})$", Options),
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"],
        ["Today", "Yesterday"],
        "Open info", "More options", "Download - Shift+D", "Download original", "Filename:", "Date taken:", "still being processed");

    // Dutch: "12 feb 2025, 18:34:39", yearless "12 feb, 18:34:39", info panel "12 feb 2025"; the month
    // names are gphotos-cdp's (spraot fork, locales.yaml "nl": jan feb mrt apr mei jun jul aug sep okt
    // nov dec, "Fotodatum:", "Vandaag", "Gisteren"), the order is CLDR's for nl.
    public static readonly WebLocale Dutch = new(
        "nl", "Foto", "Video",
        new Regex(@"^(?<day>\d{1,2}) (?<mon>[a-z]{3})\.?(?: (?<year>\d{4}))?,? (?<hour>\d{1,2}):(?<min>\d{2})(?::(?<sec>\d{2}))?$", Options),
        new Regex(@"^(?<day>\d{1,2}) (?<mon>[a-z]{3})\.? (?<year>\d{4})$", Options),
        ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
        ["Vandaag", "Gisteren"],
        "Info openen", "Meer opties", "Downloaden - Shift+D", "Origineel downloaden", "Bestandsnaam:", "Fotodatum:", "nog verwerkt");

    // German writes the month's short name after the day and a full stop: "12. Feb. 2025, 18:34:39",
    // "3. März 2025, 9:05:07", "30. Sept. 2025" (not "12.02.2025"): the shape a public locale
    // extractor for Google Photos matches German labels by, and what CLDR/ICU give de-DE for the
    // format whose English output is REFERENCE §5's example. Prefixes: "März", "Juni", "Sept." all match.
    public static readonly WebLocale German = new(
        "de", "Foto", "Video",
        new Regex(@"^(?<day>\d{1,2})\. ?(?<mon>[a-zä]{3,4})\.?(?: (?<year>\d{4}))?,? (?<hour>\d{1,2}):(?<min>\d{2})(?::(?<sec>\d{2}))?$", Options),
        new Regex(@"^(?<day>\d{1,2})\. ?(?<mon>[a-zä]{3,4})\.? (?<year>\d{4})$", Options),
        ["jan", "feb", "mär", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "dez"],
        ["Heute", "Gestern"],
        "Info öffnen", "Weitere Optionen", "Herunterladen - Umschalt+D", "Original herunterladen", "Dateiname:", "Aufnahmedatum:", "noch verarbeitet");

    public static readonly IReadOnlyList<WebLocale> All = [English, Dutch, German];

    /// <summary>The row for a page's <c>lang</c> ("en-GB" → en), or null for a language without one.</summary>
    public static WebLocale? For(string? lang)
    {
        if (string.IsNullOrWhiteSpace(lang)) return null;
        var two = lang.Trim().Split('-', '_')[0].ToLowerInvariant();
        return All.FirstOrDefault(l => l.Lang == two);
    }
}

/// <summary>Selectors that hold for every language: attributes, which outlive Google's obfuscated class names.</summary>
public static class WebSelectors
{
    /// <summary>A grid tile: an anchor to an item page with an aria-label.</summary>
    public const string Tile = "a[href*=\"photo/\"][aria-label]";

    /// <summary>An album on /albums.</summary>
    public const string Album = "a[href*=\"album/\"]:not([href*=\"/photo/\"])";

    /// <summary>Where a page's message to the user appears ("still processing").</summary>
    public const string Alert = "[role=\"alert\"]";

    /// <summary>Path fragments of a signed-out browser: the about page or an accounts sign-in page.</summary>
    public static readonly IReadOnlyList<string> SignedOutPaths = ["/photos/about", "/signin", "/ServiceLogin", "/v3/signin", "accounts.google.com"];

    public static readonly Regex ItemId = new(@"(?:^|/)photo/(?<id>[A-Za-z0-9_\-]+)", RegexOptions.CultureInvariant);

    public static readonly Regex AlbumId = new(@"(?:^|/)album/(?<id>[A-Za-z0-9_\-]+)", RegexOptions.CultureInvariant);
}
