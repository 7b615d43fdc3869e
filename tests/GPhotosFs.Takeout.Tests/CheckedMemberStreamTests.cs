using GPhotosFs.Takeout.Archives;

namespace GPhotosFs.Takeout.Tests;

public sealed class CheckedMemberStreamTests
{
    private static readonly byte[] Data = [.. Enumerable.Range(0, 5000).Select(i => (byte)(i * 7))];

    [Fact]
    public void AReaderStoppingAtTheDeclaredSizeStillGetsTheCrcCheck()
    {
        using var stream = new CheckedMemberStream(new MemoryStream(Data), Data.Length, Crc32.Append(0, Data) ^ 1, "part.zip: x.jpg");
        var error = Assert.Throws<InvalidDataException>(() => stream.ReadExactly(new byte[Data.Length]));
        Assert.Contains("part.zip: x.jpg' fails its CRC-32 check", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShortAndOverlongMembersAreRefusedAndAGoodOnePasses()
    {
        using (var good = new CheckedMemberStream(new MemoryStream(Data), Data.Length, Crc32.Append(0, Data), "m"))
        {
            var copy = new MemoryStream();
            good.CopyTo(copy);
            Assert.Equal(Data, copy.ToArray());
        }

        using var shorter = new CheckedMemberStream(new MemoryStream(Data), Data.Length + 10, null, "m");
        Assert.Contains("ends after 5000 of its 5010", Assert.Throws<InvalidDataException>(() => shorter.CopyTo(Stream.Null)).Message, StringComparison.Ordinal);
        using var longer = new CheckedMemberStream(new MemoryStream(Data), Data.Length - 10, null, "m");
        Assert.Contains("more bytes than its declared", Assert.Throws<InvalidDataException>(() => longer.CopyTo(Stream.Null)).Message, StringComparison.Ordinal);
    }
}
