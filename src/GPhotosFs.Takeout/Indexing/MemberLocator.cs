using System.Globalization;
using GPhotosFs.Takeout.Archives;

namespace GPhotosFs.Takeout.Indexing;

/// <summary>
/// Where an item's bytes are, as stored in ItemRecord.Locator:
/// <c>PART|METHOD|POSITION|COMPRESSED|SIZE|CRC|PATH</c>, e.g.
/// <c>3f2a…|ZipStored|123456|20480|20480|a1b2c3d4|Takeout/Google Photos/Photos from 2019/IMG_1.jpg</c>.
/// POSITION is the zip local header offset, or the data offset in a tar's decompressed stream.
/// The path comes last so it may hold any character.
/// </summary>
public sealed record MemberLocator(string PartId, MemberMethod Method, long Position, long CompressedSize, long Size, uint? Crc32, string Path)
{
    public static MemberLocator Of(string partId, ArchiveEntry entry) =>
        new(partId, entry.Method, entry.Position, entry.CompressedSize, entry.Size, entry.Crc32, entry.SourcePath ?? entry.Path);

    public override string ToString() =>
        string.Join('|', PartId, Method, Position.ToString(CultureInfo.InvariantCulture), CompressedSize.ToString(CultureInfo.InvariantCulture),
            Size.ToString(CultureInfo.InvariantCulture), Crc32?.ToString("x8", CultureInfo.InvariantCulture) ?? "-", Path);

    public static MemberLocator? TryParse(string? text)
    {
        var fields = text?.Split('|', 7);
        if (fields is not { Length: 7 }
            || !Enum.TryParse<MemberMethod>(fields[1], out var method)
            || !long.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var position)
            || !long.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out var compressed)
            || !long.TryParse(fields[4], NumberStyles.None, CultureInfo.InvariantCulture, out var size))
        {
            return null;
        }

        uint? crc = fields[5] == "-" ? null : uint.TryParse(fields[5], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var c) ? c : null;
        return new MemberLocator(fields[0], method, position, compressed, size, crc, fields[6]);
    }

    public ArchiveEntry ToEntry() => new(Path, Size, CompressedSize, Method, Position, Crc32, null);
}
