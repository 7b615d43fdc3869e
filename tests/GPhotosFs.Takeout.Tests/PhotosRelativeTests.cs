using GPhotosFs.Takeout.Indexing;

namespace GPhotosFs.Takeout.Tests;

/// <summary>The reader's allocation-free split of a member path says what <see cref="ExportReader.PhotosRelative"/> says, for every layout.</summary>
public sealed class PhotosRelativeTests
{
    [Theory]
    [InlineData("Takeout/Google Photos/Photos from 2019/IMG_1.jpg")]
    [InlineData("Takeout/Google Photos/Photos from 2019/IMG_1.jpg.json")]
    [InlineData("takeout/GOOGLE FOTOS/Album/Sub/IMG_1.jpg")]
    [InlineData("Takeout/Google Photos/print-subscriptions.json")]
    [InlineData("Takeout/Google Photos/x")]
    [InlineData("Takeout/Drive/Photos from 2019/IMG_1.jpg")]
    [InlineData("Takeout/Google Photos/Album//IMG_1.jpg")]
    [InlineData("Takeout/Google 相册/相册/IMG_1.jpg")]
    [InlineData("Takeout/My fotos/2019/IMG_1.jpg")]
    [InlineData("Google Photos/Album/IMG_1.jpg")]
    [InlineData("Google Photos/IMG_1.jpg")]
    [InlineData("Album/IMG_1.jpg")]
    [InlineData("IMG_1.jpg")]
    [InlineData("Takeout")]
    [InlineData("Takeout/")]
    [InlineData("/Google Photos/Album/IMG_1.jpg")]
    public void The_split_matches_PhotosRelative(string path)
    {
        foreach (var bare in new[] { false, true })
        {
            var expected = ExportReader.PhotosRelative(path, bare);
            var found = ExportReader.TryPhotosRelative(path, bare, out var folder, out var name);
            Assert.Equal(expected is not null, found);
            if (expected is { } relative)
            {
                Assert.Equal(relative.Folder, folder.ToString());
                Assert.Equal(relative.Name, name.ToString());
            }
        }
    }
}
