using System.Security.Cryptography;
using GPhotosFs.IntegrationTests.Infrastructure;
using GPhotosFs.Takeout.Samples;

namespace GPhotosFs.IntegrationTests;

/// <summary>
/// Issue 10: a user adds the parts of one export one by one as they finish downloading. A photo
/// first seen without its sidecar is filed by its EXIF date; when the part holding the sidecar
/// arrives, the photo moves to the month of the sidecar's photoTakenTime, and nothing else moves.
/// </summary>
public sealed class TakeoutPartByPartTests
{
    private const string Year = "Takeout/Google Photos/Photos from 2019";

    [FuseFact]
    public void A_photo_follows_its_sidecar_into_its_month_when_the_sidecar_part_is_added_later()
    {
        using var temp = new TempFolder();
        var library = Path.Combine(temp.Path, "library");
        var taken = new DateTimeOffset(2019, 7, 14, 18, 30, 0, TimeSpan.Zero);
        // A misleading EXIF date (the camera's clock was wrong): the sidecar is the truth.
        var photo = SampleTakeout.Photo(1, new DateTimeOffset(2021, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var neighbour = SampleTakeout.Photo(2, new DateTimeOffset(2019, 7, 20, 12, 0, 0, TimeSpan.Zero));
        var parts = TakeoutExportWriter.WriteZip(Path.Combine(temp.Path, "exports"), "takeout-20250101T000000Z", [
            new($"{Year}/IMG_1.jpg", photo, Part: 0),
            new($"{Year}/IMG_2.jpg", neighbour, Part: 0),
            new($"{Year}/IMG_2.jpg.json", TakeoutJson.Sidecar("IMG_2.jpg", new DateTimeOffset(2019, 7, 20, 12, 0, 0, TimeSpan.Zero)), Part: 0),
            new($"{Year}/IMG_1.jpg.json", TakeoutJson.Sidecar("IMG_1.jpg", taken), Part: 1),
        ], 2, deflate: false);

        Tools.RunGphotosfs("takeout", "add", parts[0], "--library", library).AssertSuccess("takeout add part 1");
        Assert.Equal(["photos/2019/07/IMG_2.jpg", "photos/2021/03/IMG_1.jpg"], Shown(library));

        Tools.RunGphotosfs("takeout", "add", parts[1], "--library", library).AssertSuccess("takeout add part 2");
        Assert.Equal(["photos/2019/07/IMG_1.jpg", "photos/2019/07/IMG_2.jpg"], Shown(library));

        using var mount = new MountedLibrary(library, "-o", "catalog_poll=0");
        Assert.True(SHA256.HashData(File.ReadAllBytes(mount["photos/2019/07/IMG_1.jpg"])).AsSpan().SequenceEqual(SHA256.HashData(photo)));
        Assert.Equal(taken, new DateTimeOffset(File.GetLastWriteTimeUtc(mount["photos/2019/07/IMG_1.jpg"]), TimeSpan.Zero));
    }

    private static List<string> Shown(string library)
    {
        using var mount = new MountedLibrary(library, "-o", "catalog_poll=0");
        return [.. Directory.EnumerateFiles(Path.Combine(mount.Path, "photos"), "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(mount.Path, f)).Order(StringComparer.Ordinal)];
    }
}
