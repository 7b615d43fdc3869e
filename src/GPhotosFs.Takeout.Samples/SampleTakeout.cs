using GPhotosFs.SampleMedia;

namespace GPhotosFs.Takeout.Samples;

/// <summary>
/// Ready-made Takeout exports: the showcase (every sidecar quirk, albums, trash, a video, a motion
/// photo) in an older and a newer export, and bulk exports of many small photos for benchmarks.
/// </summary>
public static class SampleTakeout
{
    public const string OlderExport = "takeout-20250101T000000Z";
    public const string NewerExport = "takeout-20250301T000000Z";
    public const string Top = "Takeout/Google Photos";

    public static readonly DateTimeOffset BeachTime = At(2019, 7, 14, 18, 30, 12);

    /// <summary>The long name whose sidecar Takeout cuts to 51 characters.</summary>
    public const string LongName = "Very long holiday photo name from the camera roll 2020.jpg";

    public static byte[] Photo(int seed, DateTimeOffset when, GpsLocation? gps = null, int width = 96, int height = 64) =>
        SampleMediaFactory.CreatePhoto(new PhotoSpec { Width = width, Height = height, Seed = seed, CaptureTime = when, Gps = gps, CameraMake = "Google", CameraModel = "Pixel 7" });

    /// <summary>
    /// The older showcase export. <paramref name="top"/> is the localized "Google Photos" folder name.
    /// Items (folder: file ← sidecar):
    /// <list type="bullet">
    /// <item>Photos from 2019: IMG_20190714_183012.jpg ← .jpg.json (classic; favorite, GPS in geoDataExif, description, people);
    /// IMG_20190714_183012(1).jpg ← IMG_20190714_183012.jpg(1).json (duplicate); IMG_20190714_183012-edited.jpg (edited copy).</item>
    /// <item>Photos from 2020: <see cref="LongName"/> ← cut to 46 + ".json".</item>
    /// <item>Photos from 2021: PXL_20211224_190000123.jpg ← .jpg.supplemental-metadata.json; PXL_20211224_190000123.MP (motion companion).</item>
    /// <item>Photos from 2003: 20030616.jpg ← 20030616.json (sidecar without the extension); its sidecar sits in the other part.</item>
    /// <item>Photos from 2022: IMG_20220505_050505.jpg ← .jpg.supplemental-metad.json (cut); scan0001.jpg (no sidecar: EXIF date);
    /// Screenshot_20220909-101112.png (no sidecar, no EXIF: file-name date); archived.jpg ← archived.jpg.json (archived).</item>
    /// <item>Photos from 2023: VID_20230704_210000.mov ← .mov.json (video).</item>
    /// <item>Trash: IMG_20230301_101010.jpg ← .jpg.json (trashed).</item>
    /// <item>Summer 2019 (album, metadata.json): copies of IMG_20190714_183012.jpg and the video.</item>
    /// <item>Family _ Friends (album, {"albumData"} metadata titled "Family / Friends"): a copy of PXL_20211224_190000123.jpg.</item>
    /// </list>
    /// </summary>
    public static List<TakeoutMember> OlderShowcase(string top = "Google Photos", string albumMetadataName = "metadata.json", string trashName = "Trash")
    {
        var root = $"Takeout/{top}";
        var beach = Photo(1, BeachTime, new GpsLocation(43.695, 7.2706, 12));
        var beachDuplicate = Photo(2, BeachTime.AddSeconds(1));
        var beachEdited = Photo(3, BeachTime);
        var longOne = Photo(4, At(2020, 2, 29, 12, 0, 0));
        var pixel = Photo(5, At(2021, 12, 24, 19, 0, 0));
        var motion = Video(6, At(2021, 12, 24, 19, 0, 0));
        var extensionless = Photo(7, At(2003, 6, 16, 10, 0, 0));
        var cutSupplemental = Photo(8, At(2022, 5, 5, 5, 5, 5));
        var scan = Photo(9, At(2022, 8, 8, 8, 8, 8));
        var screenshot = PngLike(11);
        var archived = Photo(12, At(2022, 10, 10, 10, 10, 10));
        var video = Video(13, At(2023, 7, 4, 21, 0, 0));
        var trashed = Photo(14, At(2023, 3, 1, 10, 10, 10));
        var longSidecar = LongName[..46] + ".json";

        return
        [
            new($"{root}/Photos from 2019/IMG_20190714_183012.jpg", beach),
            new($"{root}/Photos from 2019/IMG_20190714_183012.jpg.json", TakeoutJson.Sidecar("IMG_20190714_183012.jpg", BeachTime,
                geoExif: new GpsLocation(43.695, 7.2706, 12), geo: new GpsLocation(43.7, 7.3), description: "Sunset on the Promenade", favorited: true, people: ["Alice", "Bob"])),
            new($"{root}/Photos from 2019/IMG_20190714_183012(1).jpg", beachDuplicate),
            new($"{root}/Photos from 2019/IMG_20190714_183012.jpg(1).json", TakeoutJson.Sidecar("IMG_20190714_183012.jpg", BeachTime.AddSeconds(1))),
            new($"{root}/Photos from 2019/IMG_20190714_183012-edited.jpg", beachEdited),
            new($"{root}/Photos from 2020/{LongName}", longOne),
            new($"{root}/Photos from 2020/{longSidecar}", TakeoutJson.Sidecar(LongName, At(2020, 2, 29, 12, 0, 0))),
            new($"{root}/Photos from 2021/PXL_20211224_190000123.jpg", pixel),
            new($"{root}/Photos from 2021/PXL_20211224_190000123.jpg.supplemental-metadata.json", TakeoutJson.Sidecar("PXL_20211224_190000123.jpg", At(2021, 12, 24, 19, 0, 0),
                geo: new GpsLocation(48.8584, 2.2945, 35), description: "Christmas at grandma's")),
            new($"{root}/Photos from 2021/PXL_20211224_190000123.MP", motion),
            new($"{root}/Photos from 2003/20030616.jpg", extensionless, Part: 0),
            new($"{root}/Photos from 2003/20030616.json", TakeoutJson.Sidecar("20030616.jpg", At(2003, 6, 16, 10, 0, 0)), Part: 1),
            new($"{root}/Photos from 2022/IMG_20220505_050505.jpg", cutSupplemental),
            new($"{root}/Photos from 2022/IMG_20220505_050505.jpg.supplemental-metad.json", TakeoutJson.Sidecar("IMG_20220505_050505.jpg", At(2022, 5, 5, 5, 5, 5))),
            new($"{root}/Photos from 2022/scan0001.jpg", scan, Modified: At(2024, 1, 1, 0, 0, 0)),
            new($"{root}/Photos from 2022/Screenshot_20220909-101112.png", screenshot, Modified: At(2024, 1, 1, 0, 0, 0)),
            new($"{root}/Photos from 2022/archived.jpg", archived),
            new($"{root}/Photos from 2022/archived.jpg.json", TakeoutJson.Sidecar("archived.jpg", At(2022, 10, 10, 10, 10, 10), archived: true)),
            new($"{root}/Photos from 2023/VID_20230704_210000.mov", video),
            new($"{root}/Photos from 2023/VID_20230704_210000.mov.json", TakeoutJson.Sidecar("VID_20230704_210000.mov", At(2023, 7, 4, 21, 0, 0), description: "Fireworks")),
            new($"{root}/{trashName}/IMG_20230301_101010.jpg", trashed),
            new($"{root}/{trashName}/IMG_20230301_101010.jpg.json", TakeoutJson.Sidecar("IMG_20230301_101010.jpg", At(2023, 3, 1, 10, 10, 10), trashed: true)),
            new($"{root}/Summer 2019/{albumMetadataName}", TakeoutJson.Album("Summer 2019", "Nice and Sydney")),
            new($"{root}/Summer 2019/IMG_20190714_183012.jpg", beach),
            new($"{root}/Summer 2019/IMG_20190714_183012.jpg.json", TakeoutJson.Sidecar("IMG_20190714_183012.jpg", BeachTime, favorited: true)),
            new($"{root}/Summer 2019/VID_20230704_210000.mov", video),
            new($"{root}/Family _ Friends/{albumMetadataName}", TakeoutJson.Album("Family / Friends", wrapped: true)),
            new($"{root}/Family _ Friends/PXL_20211224_190000123.jpg", pixel),
            new($"{root}/Family _ Friends/PXL_20211224_190000123.jpg.supplemental-metadata.json", TakeoutJson.Sidecar("PXL_20211224_190000123.jpg", At(2021, 12, 24, 19, 0, 0))),
        ];
    }

    /// <summary>
    /// The newer export of the same account: the new sidecar naming everywhere, archived.jpg is
    /// gone (it must stay, marked missing), a new photo arrives (IMG_20250202_020202.jpg), and
    /// "Summer 2019" gains it (albums merge).
    /// </summary>
    public static List<TakeoutMember> NewerShowcase()
    {
        var older = OlderShowcase();
        var kept = older
            .Where(m => !m.Path.Contains("/archived.jpg", StringComparison.Ordinal))
            .Select(m => m.Path.EndsWith("/IMG_20190714_183012.jpg.json", StringComparison.Ordinal) && m.Path.Contains("Photos from", StringComparison.Ordinal)
                ? m with { Path = m.Path.Replace(".jpg.json", ".jpg.supplemental-metadata.json", StringComparison.Ordinal) }
                : m with { Part = null })
            .ToList();
        var added = Photo(20, At(2025, 2, 2, 2, 2, 2));
        kept.Add(new($"{Top}/Photos from 2025/IMG_20250202_020202.jpg", added));
        kept.Add(new($"{Top}/Photos from 2025/IMG_20250202_020202.jpg.supplemental-metadata.json", TakeoutJson.Sidecar("IMG_20250202_020202.jpg", At(2025, 2, 2, 2, 2, 2))));
        kept.Add(new($"{Top}/Summer 2019/IMG_20250202_020202.jpg", added));
        return kept;
    }

    /// <summary>
    /// <paramref name="count"/> photos with classic sidecars, spread over ten years of year
    /// folders, every 50th also in one of 20 albums. Photos cycle through 64 distinct tiny JPEGs
    /// (names differ, so every item is its own identity), which keeps generation fast; with
    /// <paramref name="photoBytes"/> each is padded with zeros after its end marker to that size
    /// (real photos are megabytes, sidecars about 1 KB: what reading in place must skip).
    /// Each sidecar follows its photo; with <paramref name="sidecarsLast"/> a year folder's
    /// sidecars come after all its photos instead.
    /// </summary>
    public static List<TakeoutMember> Bulk(int count, long photoBytes = 0, bool sidecarsLast = false)
    {
        var start = new DateTimeOffset(2015, 1, 1, 9, 0, 0, TimeSpan.Zero);
        var photos = Enumerable.Range(0, 64).Select(i => SampleMediaFactory.CreatePhoto(new PhotoSpec { Width = 16, Height = 16, Seed = i, Quality = 50, CaptureTime = start })).ToArray();
        var members = new List<TakeoutMember>(count * 2 + 64);
        for (var i = 0; i < count; i++)
        {
            var when = start.AddMinutes(i * 43.0);
            var name = $"IMG_{when:yyyyMMdd_HHmmss}_{i:D6}.jpg";
            var folder = $"{Top}/Photos from {when.Year}";
            var photo = Numbered(photos[i % photos.Length], i);
            var padding = Math.Max(0, photoBytes - photo.Length);
            members.Add(new($"{folder}/{name}", photo, Padding: padding));
            members.Add(new($"{folder}/{name}.json", TakeoutJson.Sidecar(name, when)));
            if (i % 50 == 0)
            {
                var album = $"{Top}/Album {i / 50 % 20:D2}";
                members.Add(new($"{album}/{name}", photo, Padding: padding));
            }
        }

        if (sidecarsLast)
        {
            // A stable sort by (folder, sidecar or not): photos of a folder first, in order, then its sidecars.
            var order = members.Select((m, i) => (Member: m, Index: i))
                .OrderBy(x => x.Member.Path[..x.Member.Path.LastIndexOf('/')], StringComparer.Ordinal)
                .ThenBy(x => x.Member.Path.EndsWith(".json", StringComparison.Ordinal))
                .ThenBy(x => x.Index)
                .Select(x => x.Member)
                .ToList();
            members.Clear();
            members.AddRange(order);
        }

        for (var a = 0; a < Math.Min(20, (count + 49) / 50); a++)
        {
            members.Add(new($"{Top}/Album {a:D2}/metadata.json", TakeoutJson.Album($"Album {a:D2}")));
        }

        return members;
    }

    /// <summary>The JPEG with a comment segment (FF FE) holding <paramref name="number"/> right after its SOI marker.</summary>
    private static byte[] Numbered(byte[] jpeg, int number)
    {
        var text = System.Text.Encoding.ASCII.GetBytes(number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var length = text.Length + 2;
        return [.. jpeg.AsSpan(0, 2), 0xFF, 0xFE, (byte)(length >> 8), (byte)length, .. text, .. jpeg.AsSpan(2)];
    }

    public static byte[] Video(int seed, DateTimeOffset when) =>
        SampleMediaFactory.CreateVideo(new VideoSpec { Width = 64, Height = 48, FrameCount = 6, FramesPerSecond = 6, Seed = seed, CreationTime = when });

    /// <summary>A small valid PNG (noise) without EXIF, standing in for a screenshot: its date must come from its name.</summary>
    public static byte[] PngLike(int seed, int width = 16, int height = 16)
    {
        var random = new Random(seed);
        var raw = new byte[height * (1 + width * 3)];
        random.NextBytes(raw);
        for (var y = 0; y < height; y++)
        {
            raw[y * (1 + width * 3)] = 0; // filter type: none
        }

        using var compressed = new MemoryStream();
        using (var zlib = new System.IO.Compression.ZLibStream(compressed, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(raw);
        }

        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header, width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // truecolour
        WriteChunk(png, "IHDR", header);
        WriteChunk(png, "IDAT", compressed.ToArray());
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void WriteChunk(Stream output, string type, byte[] data)
    {
        var length = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        output.Write(length);
        var typed = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        output.Write(typed);
        var crc = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(crc, PngCrc(typed));
        output.Write(crc);
    }

    private static uint PngCrc(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }

    private static DateTimeOffset At(int y, int mo, int d, int h, int mi, int s) => new(y, mo, d, h, mi, s, TimeSpan.Zero);
}
