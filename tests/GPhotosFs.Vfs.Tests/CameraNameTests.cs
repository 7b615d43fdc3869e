namespace GPhotosFs.Vfs.Tests;

public sealed class CameraNameTests
{
    [Theory]
    [InlineData("Pixel", "Pixel 7", "Pixel 7")]
    [InlineData("Canon", "Canon EOS 5D", "Canon EOS 5D")]
    [InlineData("NIKON CORPORATION", "NIKON D750", "NIKON D750")]
    [InlineData("Google", "Pixel 7", "Google Pixel 7")]
    [InlineData("Canon", "EOS R5", "Canon EOS R5")]
    [InlineData("Sony", "Sonya X", "Sony Sonya X")]
    [InlineData("Apple", null, "Apple")]
    [InlineData(null, "iPhone 15", "iPhone 15")]
    [InlineData(" ", " ", null)]
    public void The_make_is_said_once(string? make, string? model, string? expected) =>
        Assert.Equal(expected, CameraName.Describe(make, model));
}
