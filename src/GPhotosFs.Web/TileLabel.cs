using System.Globalization;
using System.Text.RegularExpressions;

namespace GPhotosFs.Web;

/// <summary>What a grid tile's aria-label says: photo or video, and when it was taken (the year may be missing).</summary>
/// <param name="Taken">The capture time read as UTC; null when the label has no date ("Today").</param>
/// <param name="YearMissing">The label left out the year (items of the current year) or the date: the info panel has it.</param>
public sealed record TileLabel(bool IsVideo, DateTimeOffset? Taken, bool YearMissing, int Month, int Day, int Hour, int Minute, int Second)
{
    private static readonly char[] Spaces = ['\u202F', '\u00A0', '\u2009'];

    /// <summary>Parses "Photo - Landscape - Feb 12, 2025, 6:34:39 PM" by the locale's table, or null when it does not match it.</summary>
    public static TileLabel? Parse(string label, WebLocale locale)
    {
        var text = Normalize(label);
        var parts = text.Split([" - ", " – ", " · "], StringSplitOptions.TrimEntries);
        if (parts.Length < 2) return null;
        bool isVideo;
        if (parts[0].Equals(locale.Photo, StringComparison.OrdinalIgnoreCase)) isVideo = false;
        else if (parts[0].Equals(locale.Video, StringComparison.OrdinalIgnoreCase)) isVideo = true;
        else return null;

        var when = parts[^1];
        if (locale.Today.Any(t => when.StartsWith(t, StringComparison.OrdinalIgnoreCase)))
        {
            return new TileLabel(isVideo, null, true, 0, 0, 0, 0, 0);
        }

        var match = locale.When.Match(when);
        if (!match.Success || MonthOf(match, locale) is not { } month) return null;
        var day = Number(match, "day");
        var hour = Number(match, "hour");
        if (match.Groups["ampm"].Success)
        {
            var pm = match.Groups["ampm"].Value.Equals("PM", StringComparison.OrdinalIgnoreCase);
            hour = hour % 12 + (pm ? 12 : 0);
        }

        var minute = Number(match, "min");
        var second = match.Groups["sec"].Success ? Number(match, "sec") : 0;
        var label2 = new TileLabel(isVideo, null, !match.Groups["year"].Success, month, day, hour, minute, second);
        return match.Groups["year"].Success ? label2.WithYear(Number(match, "year")) : label2;
    }

    /// <summary>This label's time in <paramref name="year"/> (from the info panel), or null when the label has no date.</summary>
    public TileLabel WithYear(int year)
    {
        if (Month == 0) return this;
        try
        {
            return this with { Taken = new DateTimeOffset(year, Month, Day, Hour, Minute, Second, TimeSpan.Zero), YearMissing = false };
        }
        catch (ArgumentOutOfRangeException)
        {
            return this;
        }
    }

    /// <summary>Parses the info panel's date ("Feb 12, 2025") into (year, month, day).</summary>
    public static (int Year, int Month, int Day)? ParseInfoDate(string value, WebLocale locale)
    {
        var match = locale.InfoDate.Match(Normalize(value));
        if (!match.Success || MonthOf(match, locale) is not { } month) return null;
        return (Number(match, "year"), month, Number(match, "day"));
    }

    private static string Normalize(string text)
    {
        foreach (var space in Spaces) text = text.Replace(space, ' ');
        return text.Trim();
    }

    private static int? MonthOf(Match match, WebLocale locale)
    {
        if (match.Groups["monnum"].Success) return Number(match, "monnum") is var n and >= 1 and <= 12 ? n : null;
        var name = match.Groups["mon"].Value.ToLowerInvariant();
        for (var i = 0; i < locale.Months.Count; i++)
        {
            if (name.StartsWith(locale.Months[i], StringComparison.Ordinal)) return i + 1;
        }

        return null;
    }

    private static int Number(Match match, string group) => int.Parse(match.Groups[group].Value, NumberStyles.None, CultureInfo.InvariantCulture);
}
