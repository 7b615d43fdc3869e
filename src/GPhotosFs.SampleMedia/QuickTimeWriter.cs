using System.Globalization;
using System.Text;

namespace GPhotosFs.SampleMedia;

/// <summary>
/// Writes a QuickTime movie (.mov, brand "qt  ") with one Motion-JPEG video track: every frame is an
/// ordinary JPEG stored as one sample (sample entry "jpeg"). Motion-JPEG needs no inter-frame codec,
/// yet ffprobe/ffmpeg, VLC and QuickTime play it, and metadata readers see a real movie header.
/// </summary>
/// <remarks>
/// The movie atom is written before the media data ("fast start"): a player reading the file through
/// the FUSE mount gets the index from the first bytes instead of seeking to the end.
/// </remarks>
public static class QuickTimeWriter
{
    /// <summary>QuickTime times are unsigned 32-bit seconds since 1904-01-01T00:00:00Z.</summary>
    public static readonly DateTimeOffset Epoch = new(1904, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Latest creation time representable in version-0 movie headers (2040-02-06T06:28:15Z).</summary>
    public static readonly DateTimeOffset MaxCreationTime = Epoch.AddSeconds(uint.MaxValue);

    // Ticks per frame; the timescale is fps × this, so every frame duration is an exact integer.
    private const int TicksPerFrame = 1000;

    /// <summary>
    /// Builds a .mov from JPEG frames that all have the given dimensions.
    /// </summary>
    /// <param name="creationTime">Stored (as UTC) in mvhd/tkhd/mdhd creation and modification times.</param>
    /// <param name="location">Written as udta/©xyz in ISO 6709 form ("+37.7749-122.4194+012.000/"), which Apple devices, ffmpeg, exiftool and MetadataExtractor read.</param>
    public static byte[] WriteMotionJpeg(IReadOnlyList<byte[]> jpegFrames, int width, int height, int framesPerSecond,
        DateTimeOffset creationTime, GpsLocation? location = null)
    {
        ArgumentNullException.ThrowIfNull(jpegFrames);
        if (jpegFrames.Count == 0) throw new ArgumentException("A movie needs at least one frame.", nameof(jpegFrames));
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, ushort.MaxValue);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(height, ushort.MaxValue);
        ValidateTiming(framesPerSecond, creationTime);
        location?.Validate(nameof(location));

        long mediaBytes = 0;
        foreach (byte[] frame in jpegFrames)
        {
            ArgumentNullException.ThrowIfNull(frame, nameof(jpegFrames));
            mediaBytes += frame.Length;
        }

        uint timescale = (uint)(framesPerSecond * TicksPerFrame);
        uint duration = checked((uint)(jpegFrames.Count * (long)TicksPerFrame));
        uint time = (uint)(creationTime - Epoch).TotalSeconds;

        var w = new QuickTimeAtomWriter(checked((int)(mediaBytes + 1024 + 20L * jpegFrames.Count)));

        int ftyp = w.Begin("ftyp"u8);
        w.Bytes("qt  "u8);
        w.UInt32(0x20050300); // minor version: QuickTime 2005.03 spec, as Apple writes it
        w.Bytes("qt  "u8);
        w.End(ftyp);

        int chunkOffsetPosition = WriteMovie(w, jpegFrames, width, height, timescale, duration, time, location);

        int mdat = w.Begin("mdat"u8);
        w.PatchUInt32(chunkOffsetPosition, checked((uint)w.Position)); // all frames are one chunk
        foreach (byte[] frame in jpegFrames) w.Bytes(frame);
        w.End(mdat);

        return w.ToArray();
    }

    /// <summary>Checks what the movie headers can represent, so callers can fail before encoding any frame.</summary>
    internal static void ValidateTiming(int framesPerSecond, DateTimeOffset creationTime)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(framesPerSecond, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(framesPerSecond, 1000);
        if (creationTime < Epoch || creationTime > MaxCreationTime)
            throw new ArgumentOutOfRangeException(nameof(creationTime), creationTime, $"QuickTime v0 headers store times from {Epoch:u} to {MaxCreationTime:u}.");
    }

    /// <summary>Writes moov; returns where the single stco chunk offset must be patched.</summary>
    private static int WriteMovie(QuickTimeAtomWriter w, IReadOnlyList<byte[]> frames, int width, int height,
        uint timescale, uint duration, uint time, GpsLocation? location)
    {
        int moov = w.Begin("moov"u8);

        int mvhd = w.BeginFull("mvhd"u8, 0, 0);
        w.UInt32(time);             // creation time
        w.UInt32(time);             // modification time
        w.UInt32(timescale);
        w.UInt32(duration);
        w.Fixed16_16(1);            // preferred rate
        w.UInt16(0x0100);           // preferred volume 1.0 (8.8)
        w.Zeros(10);                // reserved
        WriteIdentityMatrix(w);
        w.Zeros(6 * 4);             // preview time/duration, poster time, selection time/duration, current time
        w.UInt32(2);                // next track ID
        w.End(mvhd);

        int trak = w.Begin("trak"u8);

        // Flags: enabled | in movie | in preview | in poster.
        int tkhd = w.BeginFull("tkhd"u8, 0, 0x0F);
        w.UInt32(time);
        w.UInt32(time);
        w.UInt32(1);                // track ID
        w.Zeros(4);                 // reserved
        w.UInt32(duration);         // in movie timescale (same as the media's here)
        w.Zeros(8);                 // reserved
        w.UInt16(0);                // layer
        w.UInt16(0);                // alternate group
        w.UInt16(0);                // volume: 0 for video
        w.Zeros(2);                 // reserved
        WriteIdentityMatrix(w);
        w.Fixed16_16(width);
        w.Fixed16_16(height);
        w.End(tkhd);

        int mdia = w.Begin("mdia"u8);

        int mdhd = w.BeginFull("mdhd"u8, 0, 0);
        w.UInt32(time);
        w.UInt32(time);
        w.UInt32(timescale);
        w.UInt32(duration);
        w.UInt16(0x55C4);           // language "und" (packed ISO 639-2/T)
        w.UInt16(0);                // quality
        w.End(mdhd);

        WriteHandler(w, "mhlr"u8, "vide"u8, "VideoHandler");

        int minf = w.Begin("minf"u8);

        int vmhd = w.BeginFull("vmhd"u8, 0, 1); // flag 1: "no lean ahead", required by QuickTime
        w.UInt16(0x0040);           // graphics mode: dither copy
        w.UInt16(0x8000); w.UInt16(0x8000); w.UInt16(0x8000); // opcolor
        w.End(vmhd);

        WriteHandler(w, "dhlr"u8, "alis"u8, "DataHandler");

        int dinf = w.Begin("dinf"u8);
        int dref = w.BeginFull("dref"u8, 0, 0);
        w.UInt32(1);
        int alis = w.BeginFull("alis"u8, 0, 1); // flag 1: media data is in this file
        w.End(alis);
        w.End(dref);
        w.End(dinf);

        int chunkOffsetPosition = WriteSampleTable(w, frames, width, height);

        w.End(minf);
        w.End(mdia);
        w.End(trak);

        if (location is { } gps) WriteLocation(w, gps);

        w.End(moov);
        return chunkOffsetPosition;
    }

    private static int WriteSampleTable(QuickTimeAtomWriter w, IReadOnlyList<byte[]> frames, int width, int height)
    {
        int stbl = w.Begin("stbl"u8);

        int stsd = w.BeginFull("stsd"u8, 0, 0);
        w.UInt32(1);
        int jpeg = w.Begin("jpeg"u8);
        w.Zeros(6);                 // reserved
        w.UInt16(1);                // data reference index
        w.UInt16(0);                // version
        w.UInt16(0);                // revision level
        w.Zeros(4);                 // vendor
        w.UInt32(0);                // temporal quality (unused: no temporal compression)
        w.UInt32(0x200);            // spatial quality: codecNormalQuality
        w.UInt16(width);
        w.UInt16(height);
        w.Fixed16_16(72);           // horizontal resolution, dpi
        w.Fixed16_16(72);           // vertical resolution
        w.UInt32(0);                // data size
        w.UInt16(1);                // frames per sample
        WritePascalString(w, "Photo - JPEG", 32); // compressor name, Apple's name for this codec
        w.UInt16(24);               // depth: colour, no alpha
        w.UInt16(0xFFFF);           // color table ID −1: none
        w.End(jpeg);
        w.End(stsd);

        int stts = w.BeginFull("stts"u8, 0, 0); // every frame lasts TicksPerFrame
        w.UInt32(1);
        w.UInt32((uint)frames.Count);
        w.UInt32(TicksPerFrame);
        w.End(stts);

        int stss = w.BeginFull("stss"u8, 0, 0); // every JPEG frame is a key frame
        w.UInt32((uint)frames.Count);
        for (int i = 1; i <= frames.Count; i++) w.UInt32((uint)i);
        w.End(stss);

        int stsc = w.BeginFull("stsc"u8, 0, 0); // one chunk holding every sample
        w.UInt32(1);
        w.UInt32(1);                // first chunk
        w.UInt32((uint)frames.Count); // samples per chunk
        w.UInt32(1);                // sample description index
        w.End(stsc);

        int stsz = w.BeginFull("stsz"u8, 0, 0);
        w.UInt32(0);                // sizes differ: listed below
        w.UInt32((uint)frames.Count);
        foreach (byte[] frame in frames) w.UInt32((uint)frame.Length);
        w.End(stsz);

        int stco = w.BeginFull("stco"u8, 0, 0);
        w.UInt32(1);
        int chunkOffsetPosition = w.Position;
        w.UInt32(0);                // patched once mdat's position is known
        w.End(stco);

        w.End(stbl);
        return chunkOffsetPosition;
    }

    private static void WriteHandler(QuickTimeAtomWriter w, ReadOnlySpan<byte> componentType, ReadOnlySpan<byte> subtype, string name)
    {
        int hdlr = w.BeginFull("hdlr"u8, 0, 0);
        w.Bytes(componentType);
        w.Bytes(subtype);
        w.Zeros(12);                // manufacturer, flags, flags mask
        WritePascalString(w, name, 0); // QuickTime (unlike MP4) uses a counted string here
        w.End(hdlr);
    }

    /// <summary>udta/©xyz: a 16-bit length, a 16-bit language code, then the ISO 6709 text.</summary>
    private static void WriteLocation(QuickTimeAtomWriter w, GpsLocation gps)
    {
        var iso6709 = new StringBuilder()
            .Append(gps.Latitude.ToString("+00.0000;-00.0000", CultureInfo.InvariantCulture))
            .Append(gps.Longitude.ToString("+000.0000;-000.0000", CultureInfo.InvariantCulture));
        if (gps.AltitudeMeters is { } altitude)
            iso6709.Append(altitude.ToString("+0.000;-0.000", CultureInfo.InvariantCulture));
        iso6709.Append('/');
        byte[] text = Encoding.ASCII.GetBytes(iso6709.ToString());

        int udta = w.Begin("udta"u8);
        int xyz = w.Begin([0xA9, (byte)'x', (byte)'y', (byte)'z']);
        w.UInt16(text.Length);
        w.UInt16(0x15C7);           // language code Apple writes for this atom
        w.Bytes(text);
        w.End(xyz);
        w.End(udta);
    }

    /// <summary>The identity transform: fixed-point a, b, u, c, d, v, x, y, w (u, v, w are 2.30).</summary>
    private static void WriteIdentityMatrix(QuickTimeAtomWriter w)
    {
        w.UInt32(0x00010000); w.UInt32(0); w.UInt32(0);
        w.UInt32(0); w.UInt32(0x00010000); w.UInt32(0);
        w.UInt32(0); w.UInt32(0); w.UInt32(0x40000000);
    }

    /// <summary>A length byte plus ASCII; padded with zeros to <paramref name="fieldLength"/> when it is non-zero.</summary>
    private static void WritePascalString(QuickTimeAtomWriter w, string value, int fieldLength)
    {
        byte[] bytes = Encoding.ASCII.GetBytes(value);
        int max = fieldLength > 0 ? fieldLength - 1 : 255;
        if (bytes.Length > max) throw new ArgumentException($"\"{value}\" does not fit a {max}-character field.", nameof(value));
        w.UInt8((byte)bytes.Length);
        w.Bytes(bytes);
        if (fieldLength > 0) w.Zeros(fieldLength - 1 - bytes.Length);
    }
}
