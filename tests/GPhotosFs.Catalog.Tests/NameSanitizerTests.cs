using System.Text;

namespace GPhotosFs.Catalog.Tests;

public sealed class NameSanitizerTests
{
    private static int Utf8Length(string text) => Encoding.UTF8.GetByteCount(text);

    [Theory]
    [InlineData("IMG_0001.jpg", "IMG_0001.jpg")]
    [InlineData("a/b.jpg", "a_b.jpg")]
    [InlineData("nul\0byte.jpg", "nul_byte.jpg")]
    [InlineData("tab\tnew\nline\u001f.jpg", "tab_new_line_.jpg")]
    [InlineData("del\u007f.jpg", "del_.jpg")]
    [InlineData("c1\u0080\u009f.jpg", "c1__.jpg")]
    [InlineData("bad\ufffd.jpg", "bad_.jpg")]
    [InlineData("", "_")]
    [InlineData(".", "_")]
    [InlineData("..", "_")]
    [InlineData("...", "...")]
    [InlineData(".hidden", ".hidden")]
    [InlineData("back\\slash:colon?.jpg", "back\\slash:colon?.jpg")]
    [InlineData("cafe\u0301.jpg", "caf\u00e9.jpg")]
    [InlineData("emoji \ud83d\udcf7.jpg", "emoji \ud83d\udcf7.jpg")]
    public void Sanitize(string input, string expected)
    {
        Assert.Equal(expected, NameSanitizer.Sanitize(input));
    }

    // Not InlineData: attribute strings are stored as UTF-8, which cannot carry lone surrogates.
    [Fact]
    public void Sanitize_ReplacesLoneSurrogates_KeepsPairs()
    {
        Assert.Equal("lone_.jpg", NameSanitizer.Sanitize("lone\ud800.jpg"));
        Assert.Equal("end_", NameSanitizer.Sanitize("end\ud800"));
        Assert.Equal("low_first.jpg", NameSanitizer.Sanitize("low\udc00first.jpg"));
        Assert.Equal("reversed__.jpg", NameSanitizer.Sanitize("reversed\udc00\ud800.jpg"));
        Assert.Equal("pair\ud83d\udcf7_.jpg", NameSanitizer.Sanitize("pair\ud83d\udcf7\ud83d.jpg"));
    }

    [Fact]
    public void Sanitize_TreatsNullAsEmpty()
    {
        Assert.Equal("_", NameSanitizer.Sanitize(null));
    }

    [Fact]
    public void Sanitize_ReplacesBmpNoncharacters_KeepsOtherValidCodePoints()
    {
        // U+FFFE/U+FFFF only arise from decoding errors, and .NET refuses to normalize U+FFFE.
        Assert.Equal("a__.jpg", NameSanitizer.Sanitize("a\uffff\ufffe.jpg"));
        Assert.Equal("b\U0010FFFF\uFDD0\u0378\uE000.jpg", NameSanitizer.Sanitize("b\U0010FFFF\uFDD0\u0378\uE000.jpg"));
    }

    [Fact]
    public void LongMultiByteName_IsCutToTheLimit_KeepingTheExtension()
    {
        string input = new string('\u00e9', 150) + ".jpeg"; // 305 bytes

        string result = NameSanitizer.Sanitize(input);

        Assert.Equal(new string('\u00e9', 125) + ".jpeg", result); // 250 + 5 bytes
        Assert.Equal(255, Utf8Length(result));
        Assert.True(result.IsNormalized(NormalizationForm.FormC));
    }

    [Fact]
    public void LongName_IsCutOnACodePointBoundary_NeverSplittingASurrogatePair()
    {
        string input = "x" + string.Concat(Enumerable.Repeat("\ud83d\udcf7", 100)) + ".mp4"; // 1 + 400 + 4 bytes

        string result = NameSanitizer.Sanitize(input);

        Assert.EndsWith(".mp4", result);
        Assert.True(Utf8Length(result) <= 255);
        Assert.Equal(1 + (62 * 4) + 4, Utf8Length(result)); // 253: one more emoji would need 257
        Assert.Equal(result, NameSanitizer.Sanitize(result));
        Assert.DoesNotContain('\ufffd', Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(result)));
    }

    [Fact]
    public void LongName_WithoutAnExtension_IsCutAtTheEnd()
    {
        string result = NameSanitizer.Sanitize(new string('a', 300));

        Assert.Equal(new string('a', 255), result);
    }

    [Fact]
    public void LongName_WithAnOverlongExtension_TreatsItAsPartOfTheName()
    {
        string input = new string('a', 250) + "." + new string('b', 40);

        string result = NameSanitizer.Sanitize(input);

        Assert.Equal(input[..255], result);
    }

    [Fact]
    public void FolderNames_HaveNoExtension()
    {
        string title = "St. Ives " + new string('x', 300);

        string result = NameSanitizer.Sanitize(title, NameKind.Folder);

        Assert.Equal(title[..255], result);
        Assert.Equal("Trip to St. Ives (2)", NameSanitizer.AddCollisionSuffix("Trip to St. Ives", 2, NameKind.Folder));
        Assert.Equal("Trip to St. Ives (2)", NameSanitizer.AddCollisionSuffix("Trip to St. Ives", 2, NameKind.File));
    }

    [Theory]
    [InlineData("photo.jpg", 2, "photo (2).jpg")]
    [InlineData("photo.JPG", 13, "photo (13).JPG")]
    [InlineData("archive.tar.gz", 2, "archive.tar (2).gz")]
    [InlineData("README", 3, "README (3)")]
    [InlineData(".hidden", 2, ".hidden (2)")]
    [InlineData("_", 2, "_ (2)")]
    public void AddCollisionSuffix(string name, int number, string expected)
    {
        Assert.Equal(expected, NameSanitizer.AddCollisionSuffix(name, number));
    }

    [Fact]
    public void AddCollisionSuffix_OnA255ByteName_StaysWithinTheLimit()
    {
        string full = NameSanitizer.Sanitize(new string('\u00e9', 200) + ".jpg");
        Assert.Equal(254, Utf8Length(full)); // 125 two-byte chars + ".jpg"

        string second = NameSanitizer.AddCollisionSuffix(full, 2);
        string large = NameSanitizer.AddCollisionSuffix(full, 123_456);

        Assert.Equal(new string('\u00e9', 123) + " (2).jpg", second);
        Assert.True(Utf8Length(second) <= 255);
        Assert.True(Utf8Length(large) <= 255);
        Assert.EndsWith(" (123456).jpg", large);
    }

    [Fact]
    public void AddCollisionSuffix_RejectsNumbersBelowTwo()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NameSanitizer.AddCollisionSuffix("a.jpg", 1));
    }

    [Theory]
    [InlineData("IMG.jpg", "img.JPG")]
    [InlineData("caf\u00e9.jpg", "CAFE\u0301.JPG")]
    [InlineData("stra\u00dfe", "STRA\u00dfE")]
    public void CollisionKey_IgnoresCaseAndNormalization(string a, string b)
    {
        Assert.Equal(NameSanitizer.ToCollisionKey(a), NameSanitizer.ToCollisionKey(b));
    }

    [Fact]
    public void CollisionKey_DistinguishesDifferentNames()
    {
        Assert.NotEqual(NameSanitizer.ToCollisionKey("a.jpg"), NameSanitizer.ToCollisionKey("a.jpeg"));
    }
}
