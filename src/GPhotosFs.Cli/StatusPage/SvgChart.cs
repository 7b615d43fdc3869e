using System.Globalization;
using System.Net;
using System.Text;

namespace GPhotosFs.Cli.StatusPage;

/// <summary>A bar of a <see cref="SvgChart.Bars"/> chart: its axis label, value, CSS class and tooltip.</summary>
internal sealed record ChartBar(string Label, double Value, string Class, string Tooltip);

/// <summary>A line of a <see cref="SvgChart.Lines"/> chart.</summary>
internal sealed record ChartSeries(string Name, string Class, IReadOnlyList<(DateTimeOffset At, double Value)> Points);

/// <summary>
/// Charts drawn on the server as inline SVG: no script, no network, readable with CSS alone. Each
/// chart names itself (data-chart) and each mark carries its value (data-value) and a tooltip.
/// </summary>
internal static class SvgChart
{
    private const int Width = 640;
    private const int Height = 200;
    private const int Left = 64;
    private const int Right = 12;
    private const int Top = 12;
    private const int Bottom = 36;

    public static string Bars(string id, string title, IReadOnlyList<ChartBar> bars, Func<double, string> format, double? ceiling = null)
    {
        var svg = Open(id, title);
        if (bars.Count == 0)
        {
            return Empty(svg, "nothing recorded yet");
        }

        var max = Math.Max(ceiling ?? 0, bars.Max(b => b.Value));
        max = max <= 0 ? 1 : max;
        Axis(svg, max, format);
        double plotWidth = Width - Left - Right, plotHeight = Height - Top - Bottom;
        var slot = plotWidth / bars.Count;
        var barWidth = Math.Max(1, slot * 0.8);
        var labelEvery = Math.Max(1, (int)Math.Ceiling(bars.Count / (plotWidth / 48)));
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var h = Math.Max(bar.Value > 0 ? 1.5 : 0, bar.Value / max * plotHeight);
            if (bar.Class.Contains("failed", StringComparison.Ordinal))
            {
                h = Math.Max(h, 4); // a failure that added nothing must still be seen
            }

            var x = Left + (i * slot) + ((slot - barWidth) / 2);
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"bar {bar.Class}\" x=\"{x:0.#}\" y=\"{Top + plotHeight - h:0.#}\" width=\"{barWidth:0.#}\" height=\"{h:0.#}\" data-label=\"{Esc(bar.Label)}\" data-value=\"{bar.Value.ToString(CultureInfo.InvariantCulture)}\"><title>{Esc(bar.Tooltip)}</title></rect>");
            if (i % labelEvery == 0)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text class=\"xlabel\" x=\"{Left + (i * slot) + (slot / 2):0.#}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\">{Esc(bar.Label)}</text>");
            }
        }

        if (ceiling is { } limit && limit > 0)
        {
            var y = Top + plotHeight - (limit / max * plotHeight);
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"limit\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\"><title>limit {Esc(format(limit))}</title></line>");
        }

        return Close(svg);
    }

    public static string Lines(string id, string title, IReadOnlyList<ChartSeries> series, Func<double, string> format)
    {
        var svg = Open(id, title);
        var points = series.SelectMany(s => s.Points).ToList();
        if (points.Count == 0)
        {
            return Empty(svg, "nothing recorded yet");
        }

        var max = Math.Max(1, points.Max(p => p.Value));
        var from = points.Min(p => p.At);
        var to = points.Max(p => p.At);
        var span = Math.Max(1, (to - from).TotalSeconds);
        Axis(svg, max, format);
        double plotWidth = Width - Left - Right, plotHeight = Height - Top - Bottom;
        double X(DateTimeOffset at) => Left + ((at - from).TotalSeconds / span * plotWidth);
        double Y(double v) => Top + plotHeight - (v / max * plotHeight);
        foreach (var s in series.Where(s => s.Points.Count > 0))
        {
            var path = string.Join(' ', s.Points.Select((p, i) => string.Create(CultureInfo.InvariantCulture, $"{(i == 0 ? 'M' : 'L')}{X(p.At):0.#},{Y(p.Value):0.#}")));
            if (s.Points.Count == 1)
            {
                path += string.Create(CultureInfo.InvariantCulture, $" L{Width - Right},{Y(s.Points[0].Value):0.#}");
            }

            var last = s.Points[^1];
            svg.Append(CultureInfo.InvariantCulture, $"<path class=\"line {s.Class}\" d=\"{path}\" data-series=\"{Esc(s.Name)}\" data-value=\"{last.Value.ToString(CultureInfo.InvariantCulture)}\"><title>{Esc(s.Name)}: {Esc(format(last.Value))} at {last.At:yyyy-MM-dd HH:mm} UTC</title></path>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"xlabel\" x=\"{Left}\" y=\"{Height - Bottom + 16}\">{from:yyyy-MM-dd}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"xlabel\" x=\"{Width - Right}\" y=\"{Height - Bottom + 16}\" text-anchor=\"end\">{to:yyyy-MM-dd HH:mm}</text>");
        var legendX = Left + 8;
        foreach (var s in series)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"swatch {s.Class}\" x=\"{legendX}\" y=\"{Height - 14}\" width=\"10\" height=\"10\"/><text class=\"legend\" x=\"{legendX + 14}\" y=\"{Height - 5}\">{Esc(s.Name)}</text>");
            legendX += 24 + (7 * s.Name.Length);
        }

        return Close(svg);
    }

    private static StringBuilder Open(string id, string title)
    {
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" data-chart=\"{Esc(id)}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{Esc(title)}\"><title>{Esc(title)}</title>");
        return svg;
    }

    private static void Axis(StringBuilder svg, double max, Func<double, string> format)
    {
        double plotHeight = Height - Top - Bottom;
        for (var i = 0; i <= 4; i++)
        {
            var y = Top + plotHeight - (i / 4.0 * plotHeight);
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"grid\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"ylabel\" x=\"{Left - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\">{Esc(format(max * i / 4))}</text>");
        }
    }

    private static string Empty(StringBuilder svg, string text)
    {
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"empty\" x=\"{Width / 2}\" y=\"{Height / 2}\" text-anchor=\"middle\">{Esc(text)}</text>");
        return Close(svg);
    }

    private static string Close(StringBuilder svg) => svg.Append("</svg>").ToString();

    private static string Esc(string text) => WebUtility.HtmlEncode(text);
}
