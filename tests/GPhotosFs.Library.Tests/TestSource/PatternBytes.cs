using GPhotosFs.Catalog;

namespace GPhotosFs.Library.Tests.TestSource;

/// <summary>The bytes of a pattern item: a function of its id and the offset, so any range can be checked without storing it.</summary>
public static class PatternBytes
{
    public static byte At(string id, long offset) => (byte)((offset * 31 + Seed(id) + (offset >> 8)) % 251);

    public static byte[] Range(string id, long offset, int count)
    {
        var bytes = new byte[count];
        for (var i = 0; i < count; i++)
        {
            bytes[i] = At(id, offset + i);
        }

        return bytes;
    }

    public static ItemRecord Item(long sourceId, string id, long size) => new()
    {
        SourceId = sourceId,
        SourceItemId = id,
        Locator = id,
        FileName = $"{id}.bin",
        MimeType = "application/octet-stream",
        Size = size,
        CaptureTime = new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero),
        CaptureTimeSource = "api",
    };

    private static int Seed(string id)
    {
        var seed = 17;
        foreach (var c in id)
        {
            seed = (seed * 131 + c) % 997;
        }

        return seed;
    }
}
