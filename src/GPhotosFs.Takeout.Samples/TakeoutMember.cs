namespace GPhotosFs.Takeout.Samples;

/// <summary>
/// One file of a generated export: its path inside the archive, its bytes, and which part it goes in (null: spread round-robin).
/// <paramref name="Padding"/> zero bytes follow <paramref name="Bytes"/> (a trailer after a JPEG's end marker, where motion
/// photos carry their video): members sized like real photos at no memory cost, left as holes in a sparse zip part.
/// </summary>
public sealed record TakeoutMember(string Path, byte[] Bytes, int? Part = null, DateTimeOffset? Modified = null, long Padding = 0)
{
    public long Length => Bytes.LongLength + Padding;
}
