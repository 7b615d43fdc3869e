using GPhotosFs.Takeout.Samples;

namespace GPhotosFs.Takeout.Tests;

/// <summary>What member names may become (issue 10, points 8 and 11): control characters become '_' and are shown; hostile names are rejected and named.</summary>
public sealed class MemberNameTests : IDisposable
{
    private const string Folder = "Takeout/Google Photos/Photos from 2019";
    private readonly TakeoutLibrary _library = new();

    public void Dispose() => _library.Dispose();

    [Theory]
    [InlineData("zip")]
    [InlineData("tgz")]
    [InlineData("folder")]
    public async Task Names_with_a_tab_or_a_newline_are_shown_with_an_underscore_and_read_back_exactly(string format)
    {
        var tabbed = SampleTakeout.Photo(81, new DateTimeOffset(2019, 7, 1, 0, 0, 0, TimeSpan.Zero));
        var newline = SampleTakeout.Photo(82, new DateTimeOffset(2019, 7, 2, 0, 0, 0, TimeSpan.Zero));
        var members = new List<TakeoutMember>
        {
            new($"{Folder}/holiday\tbeach.jpg", tabbed),
            new($"{Folder}/two\nlines.jpg", newline),
        };

        var result = _library.Add(_library.Write(format, "takeout-20250101T000000Z", members, parts: 1));

        Assert.Equal(["photos/2019/07/holiday_beach.jpg", "photos/2019/07/two_lines.jpg"], _library.PhotoPaths());
        Assert.Equal(2, result.Warnings.Count(w => w.Contains("control characters", StringComparison.Ordinal)));
        using var content = _library.Content();
        using var opened = await content.OpenAsync(_library.Item("holiday_beach.jpg"), CancellationToken.None);
        Assert.Equal(tabbed, await TakeoutLibrary.ReadAllAsync(opened));
    }

    [Theory]
    [InlineData("zip")]
    [InlineData("tgz")]
    public void Hostile_members_are_rejected_counted_and_named_in_the_summary(string format)
    {
        var photo = SampleTakeout.Photo(83, new DateTimeOffset(2019, 7, 1, 0, 0, 0, TimeSpan.Zero));
        var members = new List<TakeoutMember>
        {
            new($"{Folder}/fine.jpg", photo),
            new($"/{Folder}/absolute.jpg", photo),
            new($"C:/{Folder}/drive.jpg", photo),
            new($"{Folder}/../../../escape.jpg", photo),
        };

        var result = _library.Add(_library.Write(format, "takeout-20250101T000000Z", members, parts: 1));

        Assert.Equal(["photos/2019/07/fine.jpg"], _library.PhotoPaths());
        Assert.Equal(3, result.Rejected.Count);
        Assert.Contains(result.Rejected, r => r.Member.EndsWith("absolute.jpg", StringComparison.Ordinal) && r.Reason == "absolute path");
        Assert.Contains(result.Rejected, r => r.Member.EndsWith("drive.jpg", StringComparison.Ordinal) && r.Reason == "drive-letter path");
        Assert.Contains(result.Rejected, r => r.Member.EndsWith("escape.jpg", StringComparison.Ordinal) && r.Reason.Contains("..", StringComparison.Ordinal));
        Assert.Empty(_library.Albums());
    }
}
