using System.Globalization;

namespace GPhotosFs.WebEmulator;

/// <summary>
/// The words the emulated pages use, per UI language, as REFERENCE section 5 reports them (English and
/// Dutch; German as seen). Tile labels: "Photo - Landscape - Feb 12, 2025, 6:34:39 PM" (U+202F before
/// AM/PM), "Foto - Liggend - 12 feb 2025, 18:34:39", "Foto - Querformat - 12. Feb. 2025, 18:34:39",
/// the year left out for items of the current year (see WebLocale for where the shapes come from).
/// </summary>
public sealed record WebTexts(
    string Lang, string Photo, string Video, string Landscape, string Portrait, string OpenInfo, string MoreOptions, string Download,
    string FileNameLabel, string DateTakenLabel, string StillProcessing, string AlbumsTitle)
{
    public static readonly WebTexts English = new("en", "Photo", "Video", "Landscape", "Portrait", "Open info", "More options", "Download - Shift+D",
        "Filename:", "Date taken:", "This video is still being processed", "Albums");

    public static readonly WebTexts Dutch = new("nl", "Foto", "Video", "Liggend", "Staand", "Info openen", "Meer opties", "Downloaden - Shift+D",
        "Bestandsnaam:", "Fotodatum:", "Deze video wordt nog verwerkt", "Albums");

    public static readonly WebTexts German = new("de", "Foto", "Video", "Querformat", "Hochformat", "Info öffnen", "Weitere Optionen", "Herunterladen - Umschalt+D",
        "Dateiname:", "Aufnahmedatum:", "Dieses Video wird noch verarbeitet", "Alben");

    public static WebTexts For(string? lang) => lang switch
    {
        "nl" => Dutch,
        "de" => German,
        _ => English,
    };

    private static readonly string[] DutchMonths = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"];

    // CLDR's German short month names as dates use them: some end in a full stop, some are whole words.
    private static readonly string[] GermanMonths = ["Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez."];

    /// <summary>The tile's aria-label: "Photo - Landscape - Feb 12, 2025, 6:34:39 PM".</summary>
    public string TileLabel(WebItem item, int currentYear)
    {
        var kind = item.IsVideo ? Video : Item(item.Kind);
        var orientation = item.Height > item.Width ? Portrait : Landscape;
        return $"{kind} - {orientation} - {When(item.CaptureTime.UtcDateTime, item.CaptureTime.Year != currentYear)}";
    }

    private string Item(WebItemKind kind) => kind is WebItemKind.Video or WebItemKind.ProcessingVideo ? Video : Photo;

    /// <summary>Date and time as the grid writes them, with or without the year.</summary>
    public string When(DateTime t, bool withYear)
    {
        var c = CultureInfo.InvariantCulture;
        return Lang switch
        {
            "nl" => $"{t.Day} {DutchMonths[t.Month - 1]}{(withYear ? " " + t.Year.ToString(c) : "")}, {t.ToString("H:mm:ss", c)}",
            "de" => $"{t.Day}. {GermanMonths[t.Month - 1]}{(withYear ? " " + t.Year.ToString(c) : "")}, {t.ToString("H:mm:ss", c)}",
            _ => $"{t.ToString("MMM d", c)}{(withYear ? ", " + t.Year.ToString(c) : "")}, {t.ToString("h:mm:ss", c)}\u202F{t.ToString("tt", c)}",
        };
    }

    /// <summary>The info panel's date (always with the year).</summary>
    public string InfoDate(DateTime t)
    {
        var c = CultureInfo.InvariantCulture;
        return Lang switch
        {
            "nl" => $"{t.Day} {DutchMonths[t.Month - 1]} {t.Year}",
            "de" => $"{t.Day}. {GermanMonths[t.Month - 1]} {t.Year}",
            _ => t.ToString("MMM d, yyyy", c),
        };
    }
}
