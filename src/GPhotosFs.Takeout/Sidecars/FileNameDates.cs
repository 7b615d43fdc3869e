using System.Globalization;
using System.Text.RegularExpressions;

namespace GPhotosFs.Takeout.Sidecars;

/// <summary>
/// Capture times camera apps write into file names: IMG_20190101_123456, PXL_20211224_190000123,
/// VID_20230704_210000, Screenshot_20190101-123456, Screenshot_2019-01-01-12-34-56, 20190101_123456.
/// Read as UTC (the name carries no zone; Google's own folders follow UTC too).
/// </summary>
public static partial class FileNameDates
{
    public static DateTimeOffset? Parse(string fileName)
    {
        var match = Stamp().Match(fileName);
        if (!match.Success)
        {
            return null;
        }

        int Part(string group) => int.Parse(match.Groups[group].ValueSpan, CultureInfo.InvariantCulture);
        int year = Part("y"), month = Part("mo"), day = Part("d");
        if (year < 1990 || year > 2100 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return null;
        }

        int hour = 0, minute = 0, second = 0;
        if (match.Groups["h"].Success)
        {
            hour = Part("h");
            minute = Part("mi");
            second = Part("s");
            if (hour > 23 || minute > 59 || second > 59)
            {
                return null;
            }
        }

        return new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero);
    }

    [GeneratedRegex(@"(?<![0-9])(?<y>(?:19|20)\d{2})-?(?<mo>\d{2})-?(?<d>\d{2})(?:[-_ T](?<h>\d{2})[-_.:]?(?<mi>\d{2})[-_.:]?(?<s>\d{2})\d{0,3})?(?!\d)")]
    private static partial Regex Stamp();
}
