using System.Globalization;

namespace GPhotosFs.Cli.Commands;

/// <summary>Sizes as people write them: 123, 500M, 50G, 2T, 1.5TiB (powers of 1024).</summary>
public static class ByteSize
{
    public static long Parse(string text, string what)
    {
        var t = text.Trim().ToUpperInvariant().Replace("IB", "", StringComparison.Ordinal).TrimEnd('B');
        var unit = t.Length > 0 && char.IsLetter(t[^1]) ? t[^1] : ' ';
        var number = unit == ' ' ? t : t[..^1];
        var factor = unit switch { ' ' => 1L, 'K' => 1L << 10, 'M' => 1L << 20, 'G' => 1L << 30, 'T' => 1L << 40, _ => 0 };
        if (factor == 0 || !double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n) || n <= 0)
        {
            throw new ArgumentException($"{what}: expected a size like 500M, 50G or 2T, not '{text}'.");
        }

        return (long)(n * factor);
    }
}
