using GPhotosFs.WebEmulator;

namespace GPhotosFs.Web.Tests;

public sealed class TileLabelTests
{
    public static TheoryData<string> Languages => new() { "en", "nl", "de" };

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_emulated_label_reads_back_as_its_kind_and_capture_time(string lang)
    {
        var library = new WebLibrary(new WebEmulatorOptions { ItemCount = 40, VideoEvery = 3 });
        var texts = WebTexts.For(lang);
        var locale = WebLocale.For(lang)!;
        foreach (var item in library.Grid())
        {
            var parsed = TileLabel.Parse(texts.TileLabel(item, currentYear: 2030), locale);
            Assert.NotNull(parsed);
            Assert.Equal(item.IsVideo, parsed.IsVideo);
            Assert.Equal(item.CaptureTime, parsed.Taken);
            Assert.False(parsed.YearMissing);
        }
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void A_label_without_the_year_takes_it_from_the_info_panel(string lang)
    {
        var item = new WebLibrary(new WebEmulatorOptions()).Item(5);
        var texts = WebTexts.For(lang);
        var locale = WebLocale.For(lang)!;
        var parsed = TileLabel.Parse(texts.TileLabel(item, currentYear: item.CaptureTime.Year), locale);
        Assert.NotNull(parsed);
        Assert.True(parsed.YearMissing);
        Assert.Null(parsed.Taken);
        var date = TileLabel.ParseInfoDate(texts.InfoDate(item.CaptureTime.UtcDateTime), locale);
        Assert.Equal((item.CaptureTime.Year, item.CaptureTime.Month, item.CaptureTime.Day), date);
        Assert.Equal(item.CaptureTime, parsed.WithYear(date!.Value.Year).Taken);
    }

    [Fact]
    public void The_reference_example_parses_with_and_without_a_narrow_space()
    {
        var withNarrow = TileLabel.Parse("Photo - Landscape - Feb 12, 2025, 6:34:39\u202FPM", WebLocale.English);
        var plain = TileLabel.Parse("Video - Portrait - Feb 12, 2025, 6:34:39 PM", WebLocale.English);
        Assert.Equal(new DateTimeOffset(2025, 2, 12, 18, 34, 39, TimeSpan.Zero), withNarrow!.Taken);
        Assert.True(plain!.IsVideo);
        Assert.Equal(withNarrow.Taken, plain.Taken);
    }

    /// <summary>
    /// Dutch and German as the real site writes them. Sources: the Dutch month names, "Fotodatum:" and
    /// "Vandaag"/"Gisteren" are gphotos-cdp's (spraot/gphotos-cdp, locales.yaml "nl"; its parser reads a
    /// day, a short month name and a year); the German shape "12. Feb. 2025, 18:34:39" is the one a public
    /// Google Photos locale extractor matches German labels by (day, full stop, short month, full stop,
    /// year, comma); the exact strings are what CLDR/ICU (Chromium's Intl) give nl-NL and de-DE for the
    /// format that gives REFERENCE §5's English example "Feb 12, 2025, 6:34:39 PM" byte for byte.
    /// </summary>
    [Theory]
    [InlineData("nl", "Foto - Liggend - 12 feb 2025, 18:34:39", 2025, 2, 12, 18, 34, 39)]
    [InlineData("nl", "Video - Staand - 3 mrt 2025, 9:05:07", 2025, 3, 3, 9, 5, 7)]
    [InlineData("nl", "Foto - Staand - 30 okt 2019, 23:59:00", 2019, 10, 30, 23, 59, 0)]
    [InlineData("de", "Foto - Querformat - 12. Feb. 2025, 18:34:39", 2025, 2, 12, 18, 34, 39)]
    [InlineData("de", "Video - Hochformat - 3. März 2025, 9:05:07", 2025, 3, 3, 9, 5, 7)]
    [InlineData("de", "Foto - Hochformat - 30. Sept. 2025, 9:05:07", 2025, 9, 30, 9, 5, 7)]
    [InlineData("de", "Foto - Querformat - 1. Juni 2024, 12:00:00", 2024, 6, 1, 12, 0, 0)]
    [InlineData("de", "Foto - Querformat - 24. Dez. 2023, 18:00:01", 2023, 12, 24, 18, 0, 1)]
    public void Dutch_and_German_tile_labels_as_the_site_writes_them(string lang, string label, int year, int month, int day, int hour, int minute, int second)
    {
        var parsed = TileLabel.Parse(label, WebLocale.For(lang)!);
        Assert.NotNull(parsed);
        Assert.Equal(new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero), parsed.Taken);
        Assert.Equal(label.StartsWith("Video", StringComparison.Ordinal), parsed.IsVideo);
        Assert.Equal(parsed, TileLabel.Parse(label.Replace(' ', '\u00A0'), WebLocale.For(lang)!)); // ICU may write no-break spaces
    }

    [Theory]
    [InlineData("nl", "Foto - Liggend - 12 feb, 18:34:39", 2, 12)]
    [InlineData("de", "Foto - Querformat - 12. Feb., 18:34:39", 2, 12)]
    [InlineData("de", "Video - Querformat - 7. Mai, 8:00:00", 5, 7)]
    public void Yearless_Dutch_and_German_labels_wait_for_the_info_panel(string lang, string label, int month, int day)
    {
        var parsed = TileLabel.Parse(label, WebLocale.For(lang)!);
        Assert.NotNull(parsed);
        Assert.True(parsed.YearMissing);
        Assert.Equal((month, day), (parsed.Month, parsed.Day));
    }

    [Theory]
    [InlineData("nl", "12 feb 2025", 2025, 2, 12)]
    [InlineData("nl", "1 mei 2020", 2020, 5, 1)]
    [InlineData("de", "12. Feb. 2025", 2025, 2, 12)]
    [InlineData("de", "3. März 2025", 2025, 3, 3)]
    [InlineData("de", "30. Sept. 2025", 2025, 9, 30)]
    public void Dutch_and_German_info_panel_dates(string lang, string value, int year, int month, int day) =>
        Assert.Equal((year, month, day), TileLabel.ParseInfoDate(value, WebLocale.For(lang)!));

    [Theory]
    [InlineData("Picture - Landscape - Feb 12, 2025, 6:34:39 PM")]
    [InlineData("Photo - Landscape - 12 February 2025")]
    [InlineData("")]
    public void A_label_the_table_does_not_know_is_not_guessed(string label) => Assert.Null(TileLabel.Parse(label, WebLocale.English));

    [Fact]
    public void Languages_come_from_the_page_lang() =>
        Assert.Equal(["en", "nl", "de", null], new[] { "en-GB", "nl", "de_DE", "fr" }.Select(l => WebLocale.For(l)?.Lang));
}
