using GPhotosFs.Takeout.Sidecars;

namespace GPhotosFs.Takeout.Tests;

/// <summary>One case per naming quirk of REFERENCE section 1, over entry paths only.</summary>
public sealed class SidecarMatcherTests
{
    private const string Dir = "Takeout/Google Photos/Photos from 2019/";

    private static SidecarMatch? MatchOne(string media, params string[] sidecars) =>
        SidecarMatcher.Match([Dir + media], sidecars.Select(s => Dir + s)).GetValueOrDefault(Dir + media);

    [Theory]
    [InlineData("IMG_1234.jpg", "IMG_1234.jpg.json")]                                   // classic
    [InlineData("20030616.jpg", "20030616.json")]                                       // sidecar without the media extension
    [InlineData("IMG_1234(1).jpg", "IMG_1234.jpg(1).json")]                             // (n) moves after the extension
    [InlineData("IMG_1234(1).jpg", "IMG_1234(1).jpg.json")]                             // (n) left in place
    [InlineData("IMG_1234.jpg", "IMG_1234.jpg.supplemental-metadata.json")]             // new naming
    [InlineData("IMG_1234.jpg", "IMG_1234.jpg.supplemental-metad.json")]                // cut
    [InlineData("IMG_1234.jpg", "IMG_1234.jpg.supplemental-me.json")]
    [InlineData("IMG_1234.jpg", "IMG_1234.jpg.s.json")]
    [InlineData("IMG_1234.jpg", "IMG_1234.jpg..json")]
    [InlineData("IMG_1234(2).jpg", "IMG_1234.jpg.supplemental-metadata(2).json")]       // new naming, duplicate
    [InlineData("IMG_1234.jpg", "IMG_1234.supplemental-metadata.json")]                 // new naming without the extension
    public void NamedSidecarsMatch(string media, string sidecar)
    {
        var match = MatchOne(media, sidecar);
        Assert.NotNull(match);
        Assert.Equal(Dir + sidecar, match.SidecarPath);
        Assert.Equal(SidecarMatchKind.Named, match.Kind);
    }

    [Fact]
    public void DuplicatesDoNotTakeTheOriginalsSidecar()
    {
        var matches = SidecarMatcher.Match(
            [Dir + "IMG_1234.jpg", Dir + "IMG_1234(1).jpg"],
            [Dir + "IMG_1234.jpg.json", Dir + "IMG_1234.jpg(1).json"]);
        Assert.Equal(Dir + "IMG_1234.jpg.json", matches[Dir + "IMG_1234.jpg"].SidecarPath);
        Assert.Equal(Dir + "IMG_1234.jpg(1).json", matches[Dir + "IMG_1234(1).jpg"].SidecarPath);
    }

    [Fact]
    public void ClassicNameCutTo46PlusJsonMatchesByPrefix()
    {
        const string media = "Very long holiday photo name from the camera roll 2020.jpg";
        var sidecar = media[..46] + ".json";
        Assert.Equal(51, sidecar.Length);
        var match = MatchOne(media, sidecar, "Very.json");
        Assert.NotNull(match);
        Assert.Equal(Dir + sidecar, match.SidecarPath);
        Assert.Equal(SidecarMatchKind.Truncated, match.Kind);
    }

    [Fact]
    public void SupplementalCutToFitFiftyOneCharacters()
    {
        const string media = "Screenshot_20190101-123456_Messages_App.jpg"; // 43 characters
        var sidecar = (media + ".supplemental-metadata")[..(51 - 5)] + ".json";
        var match = MatchOne(media, sidecar);
        Assert.NotNull(match);
        Assert.Equal(Dir + sidecar, match.SidecarPath);
    }

    [Fact]
    public void ShortSidecarNeverMatchesALongerNameByPrefix()
    {
        Assert.Null(MatchOne("IMG_12345.jpg", "IMG_1234.jpg.json"));
        Assert.Null(MatchOne("IMG_1234.jpg", "IMG_1234.jpg(1).json"));
    }

    [Theory]
    [InlineData("IMG_1234-edited.jpg")]
    [InlineData("IMG_1234-bearbeitet.jpg")]
    [InlineData("IMG_1234-modifié.jpg")]
    [InlineData("IMG_1234-modificato.jpg")]
    [InlineData("IMG_1234-編集済み.jpg")]
    public void EditedCopiesShareTheOriginalsSidecar(string edited)
    {
        var match = MatchOne(edited, "IMG_1234.jpg.json");
        Assert.NotNull(match);
        Assert.Equal(Dir + "IMG_1234.jpg.json", match.SidecarPath);
        Assert.Equal(SidecarMatchKind.EditedCopy, match.Kind);
    }

    [Theory]
    [InlineData("PXL_20211224_190000123.jpg", "PXL_20211224_190000123.MP")]
    [InlineData("PXL_20211224_190000123.MP.jpg", "PXL_20211224_190000123.MP")]
    [InlineData("IMG_0001.HEIC", "IMG_0001.MP4")]
    public void MotionPhotoCompanionsShareThePhotosSidecar(string photo, string companion)
    {
        var matches = SidecarMatcher.Match([Dir + photo, Dir + companion], [Dir + photo + ".json"]);
        Assert.Equal(SidecarMatchKind.Named, matches[Dir + photo].Kind);
        Assert.Equal(Dir + photo + ".json", matches[Dir + companion].SidecarPath);
        Assert.Equal(SidecarMatchKind.Companion, matches[Dir + companion].Kind);
    }

    [Fact]
    public void SidecarsMatchOnlyWithinTheirFolder()
    {
        var matches = SidecarMatcher.Match([Dir + "IMG_1.jpg"], ["Takeout/Google Photos/Photos from 2020/IMG_1.jpg.json"]);
        Assert.Empty(matches);
    }

    [Fact]
    public void MediaWithoutAnySidecarStaysUnmatched() => Assert.Null(MatchOne("scan0001.jpg", "scan0002.jpg.json"));
}
