namespace GPhotosFs.Takeout.Archives;

/// <summary>
/// The limits every archive member must keep, whatever its format (zip directory at index time,
/// tar members as their bytes stream past): a member that claims to grow too much from its
/// compressed bytes is a compression bomb, refused before it is listed. Declared size and CRC-32
/// are then enforced on every read by <see cref="CheckedMemberStream"/> / in-place verification.
/// </summary>
public static class MemberLimits
{
    /// <summary>A compressed member growing more than this factor is treated as a bomb (photos and videos barely compress; zeros gzip at 150:1 even at the fastest level).</summary>
    public const long MaxCompressionRatio = 100;

    /// <summary>Members below this size are not ratio-checked (tiny JSON compresses well).</summary>
    public const long RatioCheckFloor = 1 << 20;

    /// <returns>Why the member is refused, or null when it is within limits.</returns>
    public static string? Check(long size, long compressedSize)
    {
        if (size < 0 || compressedSize < 0)
        {
            return "negative size in its header (damaged)";
        }

        return size > RatioCheckFloor && size > compressedSize * MaxCompressionRatio
            ? $"{size:N0} bytes from {compressedSize:N0} compressed exceeds a ratio of {MaxCompressionRatio} (compression bomb?); refused"
            : null;
    }
}
