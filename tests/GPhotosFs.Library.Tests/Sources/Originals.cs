namespace GPhotosFs.Library.Tests.Sources;

/// <summary>A few originals of different sizes (a chunk, several chunks and an odd tail), as fixtures store them.</summary>
internal static class SampleOriginals
{
    public static IReadOnlyList<(string Name, byte[] Bytes)> Create() =>
    [
        ("small.bin", Bytes(1, 1_000)),
        ("medium.bin", Bytes(2, 300_001)),
        ("large.bin", Bytes(3, 1_100_007)),
    ];

    private static byte[] Bytes(int seed, int length)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static GPhotosFs.Catalog.ItemRecord Item(long sourceId, string name, byte[] bytes, string locator) => new()
    {
        SourceId = sourceId,
        SourceItemId = name,
        Locator = locator,
        FileName = name,
        MimeType = "application/octet-stream",
        Size = bytes.Length,
        CaptureTime = new DateTimeOffset(2023, 3, 4, 5, 6, 7, TimeSpan.Zero),
        CaptureTimeSource = "api",
    };
}
