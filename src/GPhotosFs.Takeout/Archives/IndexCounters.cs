namespace GPhotosFs.Takeout.Archives;

/// <summary>What an index run read, for progress and the benchmark ("no media bytes beyond date recovery").</summary>
public sealed class IndexCounters
{
    private long _jsonBytes;
    private long _mediaHeadBytes;
    private long _mediaHeads;

    public long JsonBytes => Interlocked.Read(ref _jsonBytes);

    /// <summary>Bytes of media members read to recover capture times from EXIF (zip and folder parts; tar parts stream past anyway).</summary>
    public long MediaHeadBytes => Interlocked.Read(ref _mediaHeadBytes);

    public long MediaHeads => Interlocked.Read(ref _mediaHeads);

    private long _hashedBytes;
    private long _hashedFiles;

    /// <summary>Bytes of extracted-folder files hashed because their size and name collide with another file's (identity by content).</summary>
    public long HashedBytes => Interlocked.Read(ref _hashedBytes);

    public long HashedFiles => Interlocked.Read(ref _hashedFiles);

    public void AddHashed(long bytes)
    {
        Interlocked.Add(ref _hashedBytes, bytes);
        Interlocked.Increment(ref _hashedFiles);
    }

    public void AddJsonBytes(long bytes) => Interlocked.Add(ref _jsonBytes, bytes);

    public void AddMediaHead(long bytes)
    {
        Interlocked.Add(ref _mediaHeadBytes, bytes);
        Interlocked.Increment(ref _mediaHeads);
    }
}
