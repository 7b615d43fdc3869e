using GPhotosFs.SampleMedia.Tests.Support;
using MetadataExtractor;
using MetadataExtractor.Formats.QuickTime;

namespace GPhotosFs.SampleMedia.Tests;

public class VideoTests
{
    private static readonly DateTimeOffset Created = new(2022, 3, 4, 5, 6, 7, TimeSpan.FromHours(9));

    private static readonly VideoSpec Spec = new()
    {
        Width = 96, Height = 54, FrameCount = 12, FramesPerSecond = 24, Seed = 5, CreationTime = Created,
        Gps = new GpsLocation(35.6586, 139.7454, 333),
    };

    [Fact]
    public void MetadataExtractor_reads_creation_time_dimensions_and_duration()
    {
        var dirs = ImageMetadataReader.ReadMetadata(new MemoryStream(SampleMediaFactory.CreateVideo(Spec)));

        var fileType = dirs.OfType<QuickTimeFileTypeDirectory>().Single();
        Assert.Equal("qt  ", fileType.GetString(QuickTimeFileTypeDirectory.TagMajorBrand));

        var movie = dirs.OfType<QuickTimeMovieHeaderDirectory>().Single();
        Assert.Equal(Created.UtcDateTime, movie.GetDateTime(QuickTimeMovieHeaderDirectory.TagCreated));
        Assert.Equal(Created.UtcDateTime, movie.GetDateTime(QuickTimeMovieHeaderDirectory.TagModified));
        Assert.Equal(TimeSpan.FromSeconds(0.5), (TimeSpan)movie.GetObject(QuickTimeMovieHeaderDirectory.TagDuration)!);

        var track = dirs.OfType<QuickTimeTrackHeaderDirectory>().Single();
        Assert.Equal(96, track.GetInt32(QuickTimeTrackHeaderDirectory.TagWidth));
        Assert.Equal(54, track.GetInt32(QuickTimeTrackHeaderDirectory.TagHeight));
        Assert.Equal(Created.UtcDateTime, track.GetDateTime(QuickTimeTrackHeaderDirectory.TagCreated));

        var meta = dirs.OfType<QuickTimeMetadataHeaderDirectory>().Single();
        Assert.Equal("+35.6586+139.7454+333.000/", meta.GetString(QuickTimeMetadataHeaderDirectory.TagGpsLocation));
        Assert.Empty(dirs.SelectMany(d => d.Errors));
    }

    [Fact]
    public void Sample_tables_index_every_frame_as_a_jpeg_of_the_movie_size()
    {
        byte[] movie = SampleMediaFactory.CreateVideo(Spec);
        var atoms = QuickTimeAtoms.Index(movie);
        const string stbl = "moov/trak/mdia/minf/stbl/";

        // Fast start: the index precedes the media.
        Assert.Equal(0, atoms["ftyp"].Offset);
        Assert.True(atoms["moov"].Offset < atoms["mdat"].Offset);
        Assert.Equal("jpeg", System.Text.Encoding.ASCII.GetString(movie, atoms[stbl + "stsd"].PayloadOffset + 12, 4));

        int stts = atoms[stbl + "stts"].PayloadOffset;
        Assert.Equal(1u, QuickTimeAtoms.UInt32(movie, stts + 4));
        Assert.Equal(12u, QuickTimeAtoms.UInt32(movie, stts + 8));   // sample count
        uint delta = QuickTimeAtoms.UInt32(movie, stts + 12);

        int mdhd = atoms["moov/trak/mdia/mdhd"].PayloadOffset;
        uint timescale = QuickTimeAtoms.UInt32(movie, mdhd + 12);
        Assert.Equal(12u * delta, QuickTimeAtoms.UInt32(movie, mdhd + 16)); // media duration
        Assert.Equal(24.0, timescale / (double)delta);                      // frame rate

        int stss = atoms[stbl + "stss"].PayloadOffset;
        Assert.Equal(12u, QuickTimeAtoms.UInt32(movie, stss + 4));

        int stsz = atoms[stbl + "stsz"].PayloadOffset;
        Assert.Equal(0u, QuickTimeAtoms.UInt32(movie, stsz + 4));
        Assert.Equal(12u, QuickTimeAtoms.UInt32(movie, stsz + 8));
        var sizes = Enumerable.Range(0, 12).Select(i => (int)QuickTimeAtoms.UInt32(movie, stsz + 12 + 4 * i)).ToArray();

        int stsc = atoms[stbl + "stsc"].PayloadOffset;
        Assert.Equal(1u, QuickTimeAtoms.UInt32(movie, stsc + 4));
        Assert.Equal(12u, QuickTimeAtoms.UInt32(movie, stsc + 12)); // all samples in chunk 1

        int stco = atoms[stbl + "stco"].PayloadOffset;
        Assert.Equal(1u, QuickTimeAtoms.UInt32(movie, stco + 4));
        int offset = (int)QuickTimeAtoms.UInt32(movie, stco + 8);
        Assert.Equal(atoms["mdat"].PayloadOffset, offset);
        Assert.Equal(atoms["mdat"].PayloadLength, sizes.Sum());

        var frames = new List<byte[]>();
        foreach (int size in sizes)
        {
            byte[] frame = movie.AsSpan(offset, size).ToArray();
            var (segments, _) = JpegSegments.Parse(frame);
            Assert.Equal((96, 54), JpegSegments.FrameSize(segments.Single(s => s.Marker == JpegSegments.Sof0)));
            frames.Add(frame);
            offset += size;
        }
        for (int i = 1; i < frames.Count; i++) Assert.NotEqual(frames[i - 1], frames[i]); // the picture moves
    }

    [Fact]
    public void Location_is_omitted_without_gps()
    {
        byte[] movie = SampleMediaFactory.CreateVideo(Spec with { Gps = null });
        Assert.DoesNotContain("moov/udta", QuickTimeAtoms.Index(movie).Keys);
    }

    [Fact]
    public void Writer_rejects_what_QuickTime_cannot_store()
    {
        byte[][] frames = [new JpegEncoder().Encode(new byte[3], 1, 1, 50)];
        Assert.Throws<ArgumentOutOfRangeException>(() => QuickTimeWriter.WriteMotionJpeg(frames, 1, 1, 30, new DateTimeOffset(1903, 12, 31, 0, 0, 0, TimeSpan.Zero)));
        Assert.Throws<ArgumentOutOfRangeException>(() => QuickTimeWriter.WriteMotionJpeg(frames, 1, 1, 30, QuickTimeWriter.MaxCreationTime.AddSeconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => QuickTimeWriter.WriteMotionJpeg(frames, 1, 1, 0, Created));
        Assert.Throws<ArgumentException>(() => QuickTimeWriter.WriteMotionJpeg([], 1, 1, 30, Created));
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleMediaFactory.CreateVideo(Spec with { FrameCount = 0 }));
    }
}
