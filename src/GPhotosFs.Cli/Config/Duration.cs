using System.Globalization;

namespace GPhotosFs.Cli.Config;

/// <summary>Intervals as people write them in a config file or on the command line: 90s, 30m, 6h, 2d (a bare number is seconds).</summary>
public static class Duration
{
    public static TimeSpan Parse(string text, string what)
    {
        var t = text.Trim().ToLowerInvariant();
        var unit = t.Length > 0 && char.IsLetter(t[^1]) ? t[^1] : 's';
        var number = char.IsLetter(t.LastOrDefault()) ? t[..^1] : t;
        var seconds = unit switch { 's' => 1.0, 'm' => 60.0, 'h' => 3600.0, 'd' => 86_400.0, 'w' => 604_800.0, _ => 0 };
        if (seconds == 0 || !double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n) || n <= 0 || n * seconds > 10 * 365 * 86_400.0)
        {
            throw new ArgumentException($"{what}: expected a duration like 90s, 30m, 6h or 2d, not '{text}'.");
        }

        return TimeSpan.FromSeconds(n * seconds);
    }

    /// <summary>The shortest exact spelling: 2d, 6h, 30m, 90s.</summary>
    public static string Format(TimeSpan value)
    {
        var s = (long)value.TotalSeconds;
        return s % 86_400 == 0 ? $"{s / 86_400}d" : s % 3600 == 0 ? $"{s / 3600}h" : s % 60 == 0 ? $"{s / 60}m" : $"{s}s";
    }
}
