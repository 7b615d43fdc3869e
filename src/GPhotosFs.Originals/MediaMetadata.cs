using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using MetadataExtractor.Formats.Jpeg;
using MetadataExtractor.Util;

namespace GPhotosFs.Originals;

/// <summary>
/// MetadataExtractor's directories for a photo or video, read with only what the catalog's facts
/// (capture time, camera, GPS) come from. For a JPEG that is its EXIF (APP1) segments: the general
/// <see cref="ImageMetadataReader"/> also reads every comment, ICC profile, XMP packet, Photoshop and
/// Adobe segment into arrays and parses them, megabytes of garbage per photo for one that carries a
/// large ICC profile or padding, on every download a cold backup makes. Other segments are skipped
/// by seeking, so the stream still has to be a well-formed sequence of JPEG segments.
/// </summary>
public static class MediaMetadata
{
    /// <param name="stream">Seekable, positioned at the file's first byte.</param>
    /// <exception cref="ImageProcessingException">Not a file MetadataExtractor can read (also IOException and others for damaged files, as <see cref="ImageMetadataReader"/>).</exception>
    public static IReadOnlyList<MetadataExtractor.Directory> Read(Stream stream)
    {
        var start = stream.Position;
        var type = FileTypeDetector.DetectFileType(stream);
        stream.Position = start;
        return type == FileType.Jpeg
            ? JpegMetadataReader.ReadMetadata(stream, [new ExifReader()])
            : ImageMetadataReader.ReadMetadata(stream);
    }
}
