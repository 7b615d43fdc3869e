using GPhotosFs.Fuse.Native;

namespace GPhotosFs.Fuse;

/// <summary>
/// One pending read. The filesystem answers it exactly once, with data or an error, either inside
/// <see cref="IFuseFileSystem.Read"/> or later from any thread: that is what lets a read that waits
/// for a download leave libfuse's worker thread free for other requests.
/// </summary>
public sealed unsafe class FuseReadRequest
{
    private readonly nint _req;
    private readonly long _startTimestamp = System.Diagnostics.Stopwatch.GetTimestamp();
    private int _replied;

    internal FuseReadRequest(nint req, ulong ino, long offset, int size, ulong fileHandle)
    {
        _req = req;
        Ino = ino;
        Offset = offset;
        Size = size;
        FileHandle = fileHandle;
    }

    public ulong Ino { get; }
    public long Offset { get; }

    /// <summary>The most bytes the kernel asked for; a shorter answer means end of file.</summary>
    public int Size { get; }

    /// <summary>The handle the filesystem set in Open.</summary>
    public ulong FileHandle { get; }

    public bool IsReplied => Volatile.Read(ref _replied) != 0;

    public void ReplyData(ReadOnlySpan<byte> data)
    {
        if (data.Length > Size)
        {
            throw new ArgumentException($"Reply of {data.Length} bytes exceeds the {Size} requested.", nameof(data));
        }

        ClaimReply();
        fixed (byte* p = data)
        {
            LibFuse.ReplyBuf(_req, p, (nuint)data.Length);
        }

        FuseOperationMetrics.Record("read", _startTimestamp);
    }

    public void ReplyError(int errno)
    {
        ClaimReply();
        LibFuse.ReplyErr(_req, errno);
        FuseOperationMetrics.Record("read", _startTimestamp);
    }

    /// <summary>Answers EIO unless already answered; used when the filesystem throws.</summary>
    internal void ReplyErrorIfPending(int errno)
    {
        if (Interlocked.Exchange(ref _replied, 1) == 0)
        {
            LibFuse.ReplyErr(_req, errno);
            FuseOperationMetrics.Record("read", _startTimestamp);
        }
    }

    private void ClaimReply()
    {
        if (Interlocked.Exchange(ref _replied, 1) != 0)
        {
            throw new InvalidOperationException($"Read of inode {Ino} at {Offset} was already answered.");
        }
    }
}
