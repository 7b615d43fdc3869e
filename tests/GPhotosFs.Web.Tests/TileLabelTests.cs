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

    [Theory]
    [InlineData("Picture - Landscape - Feb 12, 2025, 6:34:39 PM")]
    [InlineData("Photo - Landscape - 12 February 2025")]
    [InlineData("")]
    public void A_label_the_table_does_not_know_is_not_guessed(string label) => Assert.Null(TileLabel.Parse(label, WebLocale.English));

    [Fact]
    public void Languages_come_from_the_page_lang() =>
        Assert.Equal(["en", "nl", "de", null], new[] { "en-GB", "nl", "de_DE", "fr" }.Select(l => WebLocale.For(l)?.Lang));
}
