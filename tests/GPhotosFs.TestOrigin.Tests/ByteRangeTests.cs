namespace GPhotosFs.TestOrigin.Tests;

/// <summary>The Range header parser on its own, including the corners HTTP tests do not reach cheaply.</summary>
public sealed class ByteRangeTests
{
    [Theory]
    [InlineData(null, RangeRequest.None)]
    [InlineData("", RangeRequest.None)]
    [InlineData("bytes=0-", RangeRequest.Satisfiable)]
    [InlineData("BYTES = 0-1", RangeRequest.Ignored)] // whitespace around '=' is not in the grammar
    [InlineData("Bytes=0-1", RangeRequest.Satisfiable)] // the unit is case-insensitive
    [InlineData("bytes=1-2,3-4", RangeRequest.Ignored)]
    [InlineData("bytes=-", RangeRequest.Ignored)]
    [InlineData("bytes=+1-2", RangeRequest.Ignored)]
    [InlineData("bytes=99999999999999999999-", RangeRequest.Ignored)] // overflows a long
    [InlineData("bytes=100-", RangeRequest.Unsatisfiable)]
    [InlineData("bytes=-0", RangeRequest.Unsatisfiable)]
    public void Classifies_headers(string? header, RangeRequest expected)
    {
        Assert.Equal(expected, ByteRange.Parse(header, 100, out _));
    }

    [Fact]
    public void A_range_of_an_empty_blob_is_unsatisfiable_even_as_a_suffix()
    {
        Assert.Equal(RangeRequest.Unsatisfiable, ByteRange.Parse("bytes=-5", 0, out _));
        Assert.Equal(RangeRequest.Unsatisfiable, ByteRange.Parse("bytes=0-", 0, out _));
    }

    [Fact]
    public void Ranges_beyond_two_gigabytes_parse()
    {
        const long total = 5L << 30;

        Assert.Equal(RangeRequest.Satisfiable, ByteRange.Parse($"bytes={4L << 30}-", total, out var range));
        Assert.Equal(new ByteRange(4L << 30, total - 1), range);
        Assert.Equal(1L << 30, range.Length);
    }
}
