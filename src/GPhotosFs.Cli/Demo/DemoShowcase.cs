using GPhotosFs.SampleMedia;

namespace GPhotosFs.Cli.Demo;

/// <summary>The hand-picked items of the demo library, each there to show one thing the tree must get right.</summary>
internal static class DemoShowcase
{
    public const string SummerAlbum = "Summer 2019";
    public const string FamilyAlbum = "Family / Friends";

    public static IReadOnlyList<DemoItem> Items() =>
    [
        Photo("beach.jpg", "IMG_20190714_183012.jpg", At(2019, 7, 14, 18, 30), 1, gps: new GpsLocation(43.695, 7.2706, 12)) with
        {
            Description = "Sunset on the Promenade", Favorite = true, Albums = [SummerAlbum],
        },
        Photo("beach-dup.jpg", "IMG_20190714_183012.jpg", At(2019, 7, 14, 18, 31), 2) with { Albums = [SummerAlbum] },
        Photo("case.jpg", "img_20190714_183012.JPG", At(2019, 7, 15, 9, 0), 3) with { Albums = [SummerAlbum, FamilyAlbum] },
        Photo("slash.jpg", "Beach / Sunset.jpg", At(2019, 7, 20, 20, 15), 4, gps: new GpsLocation(-33.8568, 151.2153)) with { Albums = [SummerAlbum] },
        Photo("unicode.jpg", "Café ☕ à Paris.jpg", At(2019, 8, 2, 10, 5), 5, gps: new GpsLocation(48.8584, 2.2945, 35)) with
        {
            Description = "Un café près de la tour", Albums = [FamilyAlbum],
        },
        Photo("control.jpg", "tab\there\u0001.jpg", At(2020, 1, 1, 0, 0, 30), 6),
        Photo("long.jpg", string.Concat(Enumerable.Repeat("très-long-nom-", 22)) + ".jpg", At(2020, 2, 29, 12, 0), 7),
        Photo("grandma.jpg", "PXL_20211224_190000123.jpg", At(2021, 12, 24, 19, 0), 8, width: 1280, height: 960) with
        {
            Description = "Christmas at grandma's", Favorite = true, Albums = [FamilyAlbum], CameraModel = "Pixel 6",
        },
        // Capture time at the very end of a month in UTC: the folder follows UTC, as gphotos-sync did.
        Photo("midnight.jpg", "IMG_20221231_235959.jpg", At(2022, 12, 31, 23, 59, 59), 9),
        Photo("scan.jpg", "scan0001.jpg", null, 10) with { CameraMake = "Epson", CameraModel = "Perfection V39" },
        Photo("trashed.jpg", "IMG_20230301_101010.jpg", At(2023, 3, 1, 10, 10, 10), 11) with { Trashed = true },
        Photo("dot.jpg", ".jpg", At(2023, 5, 5, 5, 5), 12),
        new DemoItem("clip.mov", "VID_20230704_210000.mov", "video/quicktime", At(2023, 7, 4, 21, 0), () =>
            SampleMediaFactory.CreateVideo(new VideoSpec
            {
                Width = 320, Height = 240, FrameCount = 24, FramesPerSecond = 12, Seed = 13,
                CreationTime = At(2023, 7, 4, 21, 0)!.Value, Gps = new GpsLocation(40.6892, -74.0445),
            }))
        {
            Description = "Fireworks", Albums = [SummerAlbum],
        },
    ];

    private static DemoItem Photo(string key, string googleName, DateTimeOffset? when, int seed, GpsLocation? gps = null, int width = 640, int height = 480) =>
        new(key, googleName, "image/jpeg", when, () => SampleMediaFactory.CreatePhoto(new PhotoSpec
        {
            Width = width,
            Height = height,
            Seed = seed,
            CaptureTime = when ?? new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero),
            CameraMake = "Pixel",
            CameraModel = "Pixel 7",
            Gps = gps,
        }))
        {
            Gps = gps,
        };

    private static DateTimeOffset? At(int y, int mo, int d, int h, int mi, int s = 0) => new DateTimeOffset(y, mo, d, h, mi, s, TimeSpan.Zero);
}
