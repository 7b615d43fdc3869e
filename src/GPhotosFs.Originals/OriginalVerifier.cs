using System.Globalization;
using System.Security.Cryptography;
using GPhotosFs.Catalog;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using MetadataExtractor.Formats.QuickTime;

namespace GPhotosFs.Originals;

/// <summary>
/// Checks a completed download before it is committed: the exact size, the content hash when the
/// catalog knows one, and for photos and videos that MetadataExtractor can parse it (a truncated or
/// garbled file is refused). Returns the facts found: EXIF capture time, camera, GPS, size, and the
/// hash when it was checked. Hashing is not done otherwise: SHA-256 runs at about 0.7 GB/s on these
/// machines, and a reader waits for verification; <see cref="ContentHash"/> records it afterwards.
/// </summary>
internal static class OriginalVerifier
{
    /// <param name="handle">The download's own handle (it holds the partial's exclusive lock); it stays open.</param>
    /// <param name="requireReadableMedia">False: a photo or video that does not parse still passes (with no EXIF facts).</param>
    /// <summary>
    /// The buffer of the streams that verify and hash a downloaded original: under the large-object
    /// threshold (85,000 bytes). At 1 MiB, every download left two large-object buffers behind that
    /// only a full collection frees; a cold rsync of 2,000 files swung the daemon's RSS by over 100 MiB.
    /// </summary>
    public const int StreamBufferBytes = 64 * 1024;

    public static ItemFacts Verify(Microsoft.Win32.SafeHandles.SafeFileHandle handle, long expectedLength, string? expectedHash, string? mimeType, string fileName, bool requireReadableMedia = true)
    {
        using var borrowed = new Microsoft.Win32.SafeHandles.SafeFileHandle(handle.DangerousGetHandle(), ownsHandle: false);
        using var stream = new FileStream(borrowed, FileAccess.Read, StreamBufferBytes);
        if (stream.Length != expectedLength)
        {
            throw new InvalidDataException($"it has {stream.Length} bytes, {expectedLength} were expected");
        }

        string? hash = null;
        if (expectedHash is not null)
        {
            hash = ContentHash(stream);
            if (!string.Equals(hash, expectedHash, StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidDataException($"its content hash {hash} differs from the recorded {expectedHash}");
            }
        }

        var facts = new ItemFacts { Size = expectedLength, ContentHash = hash };
        if (!IsMedia(mimeType, fileName))
        {
            return facts;
        }

        stream.Position = 0;
        IReadOnlyList<MetadataExtractor.Directory> directories;
        try
        {
            directories = MediaMetadata.Read(stream);
        }
        catch (Exception ex) when (ex is ImageProcessingException or IOException or ArgumentException or IndexOutOfRangeException)
        {
            if (!requireReadableMedia)
            {
                return facts;
            }

            throw new InvalidDataException($"it is not a readable photo or video ({ex.Message})", ex);
        }

        if (requireReadableMedia && (mimeType?.StartsWith("image/jpeg", StringComparison.OrdinalIgnoreCase) == true || fileName.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".jpeg", StringComparison.OrdinalIgnoreCase)))
        {
            // MetadataExtractor stops at the image data, so a JPEG cut short parses fine: check its end marker.
            stream.Seek(-2, SeekOrigin.End);
            if (stream.ReadByte() != 0xFF || stream.ReadByte() != 0xD9)
            {
                throw new InvalidDataException("the JPEG has no end-of-image marker (truncated)");
            }
        }

        return WithMedia(facts, directories);
    }

    /// <summary>
    /// What an original read in place (never downloaded, so never verified) reveals, the same facts a
    /// download's verification finds: its size and, for a photo or video that parses, EXIF capture
    /// time, camera and GPS. <paramref name="stream"/> holds exactly the original, from position 0.
    /// </summary>
    public static ItemFacts Inspect(Stream stream, string? mimeType, string fileName)
    {
        var facts = new ItemFacts { Size = stream.Length };
        if (!IsMedia(mimeType, fileName))
        {
            return facts;
        }

        try
        {
            return WithMedia(facts, MediaMetadata.Read(stream));
        }
        catch (Exception ex) when (ex is ImageProcessingException or IOException or ArgumentException or IndexOutOfRangeException)
        {
            return facts;
        }
    }

    private static ItemFacts WithMedia(ItemFacts facts, IReadOnlyList<MetadataExtractor.Directory> directories)
    {
        return facts with
        {
            CaptureTime = CaptureTime(directories),
            CaptureTimeSource = CaptureTime(directories) is null ? null : "exif",
            CameraMake = directories.OfType<ExifIfd0Directory>().FirstOrDefault()?.GetDescription(ExifDirectoryBase.TagMake)?.Trim(),
            CameraModel = directories.OfType<ExifIfd0Directory>().FirstOrDefault()?.GetDescription(ExifDirectoryBase.TagModel)?.Trim(),
            Latitude = directories.OfType<GpsDirectory>().FirstOrDefault()?.GetGeoLocation()?.Latitude,
            Longitude = directories.OfType<GpsDirectory>().FirstOrDefault()?.GetGeoLocation()?.Longitude,
        };
    }

    /// <summary>"sha256:&lt;hex&gt;" of a stream from its current position.</summary>
    public static string ContentHash(Stream stream) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(stream));

    private static bool IsMedia(string? mimeType, string fileName) =>
        mimeType?.StartsWith("image/", StringComparison.OrdinalIgnoreCase) == true
        || mimeType?.StartsWith("video/", StringComparison.OrdinalIgnoreCase) == true
        || Path.GetExtension(fileName).ToLowerInvariant() is ".jpg" or ".jpeg" or ".png" or ".gif" or ".heic" or ".webp" or ".mp4" or ".mov" or ".m4v";

    private static DateTimeOffset? CaptureTime(IReadOnlyList<MetadataExtractor.Directory> directories)
    {
        if (directories.OfType<ExifSubIfdDirectory>().FirstOrDefault() is { } exif
            && exif.TryGetDateTime(ExifDirectoryBase.TagDateTimeOriginal, out var local))
        {
            var offset = exif.GetDescription(ExifDirectoryBase.TagTimeZoneOriginal);
            return offset is not null && TimeSpan.TryParse(offset.TrimStart('+'), CultureInfo.InvariantCulture, out var o)
                ? new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), o)
                : new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Utc));
        }

        if (directories.OfType<QuickTimeMovieHeaderDirectory>().FirstOrDefault() is { } movie
            && movie.TryGetDateTime(QuickTimeMovieHeaderDirectory.TagCreated, out var created))
        {
            return new DateTimeOffset(DateTime.SpecifyKind(created, DateTimeKind.Utc));
        }

        return null;
    }
}
