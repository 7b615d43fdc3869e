using System.Globalization;

namespace GPhotosFs.TestOrigin;

/// <summary>An inclusive byte range of a blob, as asked for with <c>Range: bytes=…</c> (RFC 9110 §14).</summary>
public readonly record struct ByteRange(long First, long Last)
{
    public long Length => Last - First + 1;

    public override string ToString() => $"{First}-{Last}";

    /// <summary>
    /// Reads a Range header against a blob of <paramref name="total"/> bytes. Only a single range is
    /// understood; anything else (several ranges, another unit, bad syntax) is <see cref="RangeRequest.Ignored"/>,
    /// which RFC 9110 allows and which answers 200 with the whole blob.
    /// </summary>
    public static RangeRequest Parse(string? header, long total, out ByteRange range)
    {
        range = default;
        if (string.IsNullOrEmpty(header)) return RangeRequest.None;
        var spec = header.AsSpan().Trim();
        if (!spec.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase)) return RangeRequest.Ignored;
        spec = spec["bytes=".Length..].Trim();
        if (spec.Contains(',')) return RangeRequest.Ignored;
        var dash = spec.IndexOf('-');
        if (dash < 0) return RangeRequest.Ignored;
        var firstText = spec[..dash].Trim();
        var lastText = spec[(dash + 1)..].Trim();

        if (firstText.IsEmpty)
        {
            // Suffix range "bytes=-n": the last n bytes.
            if (!TryParse(lastText, out var suffix)) return RangeRequest.Ignored;
            if (suffix == 0 || total == 0) return RangeRequest.Unsatisfiable;
            range = new ByteRange(Math.Max(0, total - suffix), total - 1);
            return RangeRequest.Satisfiable;
        }

        if (!TryParse(firstText, out var first)) return RangeRequest.Ignored;
        long last;
        if (lastText.IsEmpty) last = total - 1;
        else if (!TryParse(lastText, out last) || last < first) return RangeRequest.Ignored;
        if (first >= total) return RangeRequest.Unsatisfiable;
        range = new ByteRange(first, Math.Min(last, total - 1)); // a last past the end means "to the end"
        return RangeRequest.Satisfiable;
    }

    private static bool TryParse(ReadOnlySpan<char> text, out long value) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
