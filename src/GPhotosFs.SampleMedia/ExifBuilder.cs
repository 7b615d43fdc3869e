using System.Globalization;
using System.Text;

namespace GPhotosFs.SampleMedia;

/// <summary>
/// Builds the payload of a JPEG APP1 EXIF segment: "Exif\0\0" followed by a little-endian TIFF
/// structure with IFD0, the Exif sub-IFD and, when a position is given, the GPS sub-IFD. Besides the
/// requested metadata it writes the tags the Exif 2.32 spec makes mandatory for JPEG files
/// (YCbCrPositioning, ComponentsConfiguration, FlashpixVersion, ColorSpace), so validators such as
/// <c>exiftool -validate</c> accept the result.
/// </summary>
/// <remarks>An instance reuses its buffers between builds and is not thread-safe.</remarks>
public sealed class ExifBuilder
{
    // Tag numbers from the Exif 2.32 specification.
    private const ushort ImageDescription = 0x010E, Make = 0x010F, Model = 0x0110, Orientation = 0x0112;
    private const ushort XResolution = 0x011A, YResolution = 0x011B, ResolutionUnit = 0x0128;
    private const ushort Software = 0x0131, DateTime = 0x0132, YCbCrPositioning = 0x0213;
    private const ushort ExifIfdPointer = 0x8769, GpsIfdPointer = 0x8825;
    private const ushort ExifVersion = 0x9000, DateTimeOriginal = 0x9003, DateTimeDigitized = 0x9004;
    private const ushort OffsetTime = 0x9010, OffsetTimeOriginal = 0x9011, OffsetTimeDigitized = 0x9012;
    private const ushort ComponentsConfiguration = 0x9101, UserComment = 0x9286;
    private const ushort FlashpixVersion = 0xA000, ColorSpace = 0xA001, PixelXDimension = 0xA002, PixelYDimension = 0xA003;
    private const ushort GpsVersionId = 0x0000, GpsLatitudeRef = 0x0001, GpsLatitude = 0x0002;
    private const ushort GpsLongitudeRef = 0x0003, GpsLongitude = 0x0004, GpsAltitudeRef = 0x0005, GpsAltitude = 0x0006;

    private const int TiffHeaderSize = 8;
    private static ReadOnlySpan<byte> ExifHeader => "Exif\0\0"u8;

    // Seconds of arc are stored with this denominator: 1e-4″ is about 3 mm on the ground.
    private const uint ArcSecondDenominator = 10_000;

    private readonly TiffIfdBuilder _ifd0 = new();
    private readonly TiffIfdBuilder _exif = new();
    private readonly TiffIfdBuilder _gps = new();
    private byte[] _payload = new byte[1024];
    private int _payloadLength;

    /// <summary>Builds a new payload array. Convenience for one-off use; see <see cref="Build"/> for bulk use.</summary>
    public static byte[] Create(ExifMetadata metadata) => new ExifBuilder().Build(metadata).ToArray();

    /// <summary>
    /// Builds the APP1 payload (starting "Exif\0\0") for <paramref name="metadata"/>. The span points
    /// into this builder's buffer and is valid until the next call.
    /// </summary>
    public ReadOnlySpan<byte> Build(ExifMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(metadata.CameraMake);
        ArgumentNullException.ThrowIfNull(metadata.CameraModel);
        ArgumentNullException.ThrowIfNull(metadata.Software);
        ArgumentOutOfRangeException.ThrowIfLessThan(metadata.PixelWidth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(metadata.PixelHeight, 1);
        metadata.Gps?.Validate(nameof(metadata));

        _ifd0.Clear();
        _exif.Clear();
        _gps.Clear();

        Span<byte> scratch = stackalloc byte[32];
        ReadOnlySpan<byte> localTime = FormatExifDateTime(metadata.CaptureTime, scratch[..19]);
        ReadOnlySpan<byte> offset = FormatOffset(metadata.CaptureTime.Offset, scratch.Slice(20, 6));

        if (metadata.Description is { } description)
            _ifd0.AddAscii(ImageDescription, Encoding.UTF8.GetBytes(description));
        _ifd0.AddAscii(Make, Encoding.UTF8.GetBytes(metadata.CameraMake));
        _ifd0.AddAscii(Model, Encoding.UTF8.GetBytes(metadata.CameraModel));
        _ifd0.AddShort(Orientation, 1); // pixels are stored upright
        _ifd0.AddRationals(XResolution, [(72, 1)]);
        _ifd0.AddRationals(YResolution, [(72, 1)]);
        _ifd0.AddShort(ResolutionUnit, 2); // inches
        _ifd0.AddAscii(Software, Encoding.UTF8.GetBytes(metadata.Software));
        _ifd0.AddAscii(DateTime, localTime);
        _ifd0.AddShort(YCbCrPositioning, 1); // centered: what our 4:2:0 averaging produces
        _ifd0.AddLong(ExifIfdPointer, 0); // patched below once the layout is known
        if (metadata.Gps is not null) _ifd0.AddLong(GpsIfdPointer, 0);

        _exif.AddBytes(ExifVersion, TiffType.Undefined, "0232"u8);
        _exif.AddAscii(DateTimeOriginal, localTime);
        _exif.AddAscii(DateTimeDigitized, localTime);
        _exif.AddAscii(OffsetTime, offset);
        _exif.AddAscii(OffsetTimeOriginal, offset);
        _exif.AddAscii(OffsetTimeDigitized, offset);
        _exif.AddBytes(ComponentsConfiguration, TiffType.Undefined, [1, 2, 3, 0]); // Y, Cb, Cr
        if (metadata.Description is { } comment) AddUserComment(comment);
        _exif.AddBytes(FlashpixVersion, TiffType.Undefined, "0100"u8);
        _exif.AddShort(ColorSpace, 1); // sRGB
        _exif.AddLong(PixelXDimension, (uint)metadata.PixelWidth);
        _exif.AddLong(PixelYDimension, (uint)metadata.PixelHeight);

        if (metadata.Gps is { } gps) AddGps(gps);

        // Layout: TIFF header, IFD0, Exif IFD, GPS IFD, each with its values right after its table.
        int exifOffset = TiffHeaderSize + _ifd0.Size;
        int gpsOffset = exifOffset + _exif.Size;
        int tiffLength = gpsOffset + (metadata.Gps is null ? 0 : _gps.Size);
        _ifd0.SetLong(ExifIfdPointer, (uint)exifOffset);
        if (metadata.Gps is not null) _ifd0.SetLong(GpsIfdPointer, (uint)gpsOffset);

        _payloadLength = ExifHeader.Length + tiffLength;
        if (_payloadLength > JpegEncoder.MaxApp1PayloadLength)
            throw new ArgumentException($"EXIF block would be {_payloadLength} bytes; an APP1 segment holds at most {JpegEncoder.MaxApp1PayloadLength}.", nameof(metadata));
        if (_payload.Length < _payloadLength) _payload = new byte[Math.Max(_payloadLength, _payload.Length * 2)];

        Span<byte> payload = _payload.AsSpan(0, _payloadLength);
        ExifHeader.CopyTo(payload);
        Span<byte> tiff = payload[ExifHeader.Length..];
        "II"u8.CopyTo(tiff);                   // little-endian
        tiff[2] = 42; tiff[3] = 0;             // TIFF magic
        tiff[4] = TiffHeaderSize; tiff[5] = tiff[6] = tiff[7] = 0; // IFD0 offset
        _ifd0.WriteTo(tiff, TiffHeaderSize);
        _exif.WriteTo(tiff, exifOffset);
        if (metadata.Gps is not null) _gps.WriteTo(tiff, gpsOffset);
        return payload;
    }

    /// <summary>
    /// UserComment starts with an 8-byte character-code prefix. Plain ASCII where possible (read
    /// everywhere); otherwise UCS-2 in the TIFF's byte order, which readers expect for "UNICODE".
    /// </summary>
    private void AddUserComment(string comment)
    {
        bool ascii = Ascii.IsValid(comment);
        var bytes = new byte[8 + (ascii ? comment.Length : comment.Length * 2)];
        (ascii ? "ASCII\0\0\0"u8 : "UNICODE\0"u8).CopyTo(bytes);
        if (ascii) Encoding.ASCII.GetBytes(comment, bytes.AsSpan(8));
        else Encoding.Unicode.GetBytes(comment, bytes.AsSpan(8)); // UTF-16LE, matching "II"
        _exif.AddBytes(UserComment, TiffType.Undefined, bytes);
    }

    private void AddGps(GpsLocation gps)
    {
        _gps.AddBytes(GpsVersionId, TiffType.Byte, [2, 3, 0, 0]);
        _gps.AddAscii(GpsLatitudeRef, gps.Latitude < 0 ? "S"u8 : "N"u8);
        _gps.AddRationals(GpsLatitude, ToDegreesMinutesSeconds(gps.Latitude));
        _gps.AddAscii(GpsLongitudeRef, gps.Longitude < 0 ? "W"u8 : "E"u8);
        _gps.AddRationals(GpsLongitude, ToDegreesMinutesSeconds(gps.Longitude));
        if (gps.AltitudeMeters is { } altitude)
        {
            _gps.AddBytes(GpsAltitudeRef, TiffType.Byte, [(byte)(altitude < 0 ? 1 : 0)]); // 1 = below sea level
            _gps.AddRationals(GpsAltitude, [((uint)Math.Round(Math.Abs(altitude) * 100), 100)]);
        }
    }

    /// <summary>
    /// |angle| as degrees, minutes and seconds rationals. Rounded once, on the total, so a value such
    /// as 59.99999″ carries into the minutes instead of producing "60 seconds".
    /// </summary>
    private static (uint, uint)[] ToDegreesMinutesSeconds(double angle)
    {
        ulong total = (ulong)Math.Round(Math.Abs(angle) * 3600 * ArcSecondDenominator);
        ulong perDegree = 3600UL * ArcSecondDenominator, perMinute = 60UL * ArcSecondDenominator;
        uint degrees = (uint)(total / perDegree);
        uint minutes = (uint)(total % perDegree / perMinute);
        uint seconds = (uint)(total % perMinute);
        return [(degrees, 1), (minutes, 1), (seconds, ArcSecondDenominator)];
    }

    /// <summary>"YYYY:MM:DD HH:MM:SS" of the local (offset) wall-clock time.</summary>
    private static ReadOnlySpan<byte> FormatExifDateTime(DateTimeOffset time, Span<byte> destination)
    {
        if (!time.DateTime.TryFormat(destination, out int written, "yyyy':'MM':'dd HH':'mm':'ss", CultureInfo.InvariantCulture) || written != 19)
            throw new ArgumentOutOfRangeException(nameof(time), time, "Capture time cannot be written as an EXIF date.");
        return destination[..written];
    }

    /// <summary>"+HH:MM" / "-HH:MM" as the OffsetTime* tags define it.</summary>
    private static ReadOnlySpan<byte> FormatOffset(TimeSpan offset, Span<byte> destination)
    {
        destination[0] = (byte)(offset < TimeSpan.Zero ? '-' : '+');
        TimeSpan magnitude = offset.Duration();
        WriteTwoDigits(destination[1..], magnitude.Hours);
        destination[3] = (byte)':';
        WriteTwoDigits(destination[4..], magnitude.Minutes);
        return destination[..6];

        static void WriteTwoDigits(Span<byte> d, int value)
        {
            d[0] = (byte)('0' + value / 10);
            d[1] = (byte)('0' + value % 10);
        }
    }
}
