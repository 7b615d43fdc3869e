namespace GPhotosFs.Originals;

/// <summary>
/// The byte ranges of an original held locally: sorted, disjoint, half-open [Start, End) intervals,
/// merged as they touch. Not thread-safe; <see cref="OriginalDownload"/> guards it.
/// </summary>
public sealed class ByteRangeSet
{
    private readonly List<(long Start, long End)> _ranges = [];

    public IReadOnlyList<(long Start, long End)> Ranges => _ranges;

    public long TotalBytes => _ranges.Sum(r => r.End - r.Start);

    public void Add(long start, long end)
    {
        if (end <= start)
        {
            return;
        }

        // Find the first range that ends at or after start: everything from there that starts
        // at or before end merges into one.
        var i = 0;
        while (i < _ranges.Count && _ranges[i].End < start)
        {
            i++;
        }

        var j = i;
        while (j < _ranges.Count && _ranges[j].Start <= end)
        {
            start = Math.Min(start, _ranges[j].Start);
            end = Math.Max(end, _ranges[j].End);
            j++;
        }

        _ranges.RemoveRange(i, j - i);
        _ranges.Insert(i, (start, end));
    }

    /// <summary>Whether every byte of [start, end) is held.</summary>
    public bool Contains(long start, long end) => end <= start || ContiguousEnd(start) >= end;

    /// <summary>The end of the held run that contains <paramref name="offset"/>, or <paramref name="offset"/> when that byte is missing.</summary>
    public long ContiguousEnd(long offset)
    {
        foreach (var (s, e) in _ranges)
        {
            if (s <= offset && offset < e)
            {
                return e;
            }

            if (s > offset)
            {
                break;
            }
        }

        return offset;
    }

    /// <summary>The first missing range at or after <paramref name="from"/> and before <paramref name="limit"/>, if any.</summary>
    public (long Start, long End)? FirstMissing(long from, long limit)
    {
        var cursor = from;
        foreach (var (s, e) in _ranges)
        {
            if (e <= cursor)
            {
                continue;
            }

            if (s > cursor)
            {
                return (cursor, Math.Min(s, limit));
            }

            cursor = e;
            if (cursor >= limit)
            {
                return null;
            }
        }

        return cursor < limit ? (cursor, limit) : null;
    }

    public bool IsComplete(long length) => Contains(0, length);

    public ByteRangeSet Clone()
    {
        var copy = new ByteRangeSet();
        copy._ranges.AddRange(_ranges);
        return copy;
    }

    /// <summary>"start-end,start-end" (what the .ranges record stores).</summary>
    public override string ToString() => string.Join(',', _ranges.Select(r => $"{r.Start}-{r.End}"));

    public static ByteRangeSet Parse(string text)
    {
        var set = new ByteRangeSet();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var dash = part.IndexOf('-');
            if (dash <= 0 || !long.TryParse(part.AsSpan(0, dash), out var s) || !long.TryParse(part.AsSpan(dash + 1), out var e) || s < 0 || e < s)
            {
                throw new FormatException($"bad range '{part}'");
            }

            set.Add(s, e);
        }

        return set;
    }
}
