using System.Diagnostics;
using GPhotosFs.IO;

namespace GPhotosFs.Fuse;

/// <summary>
/// Times every operation of the filesystem it wraps into <see cref="FuseOperationMetrics"/>. Reads
/// are timed by <see cref="FuseReadRequest"/> itself, up to their reply. <see cref="FuseMount"/>
/// wraps every filesystem in one; without a listener it costs two timestamp reads per request.
/// </summary>
internal sealed class TimedFuseFileSystem(IFuseFileSystem inner) : IFuseFileSystem
{
    public IFuseFileSystem Inner { get; } = inner;

    public void Init(ref FuseConnInfo connection) => Inner.Init(ref connection);

    public void Destroy() => Inner.Destroy();

    public int Lookup(ulong parent, ReadOnlySpan<byte> name, ref FuseEntryParam entry)
    {
        long start = Stopwatch.GetTimestamp();
        try { return Inner.Lookup(parent, name, ref entry); }
        finally { FuseOperationMetrics.Record("lookup", start); }
    }

    public void Forget(ulong ino, ulong lookupCount) => Inner.Forget(ino, lookupCount);

    public int GetAttr(ulong ino, ref Stat stat, out double attrTimeout)
    {
        long start = Stopwatch.GetTimestamp();
        try { return Inner.GetAttr(ino, ref stat, out attrTimeout); }
        finally { FuseOperationMetrics.Record("getattr", start); }
    }

    public int ReadLink(ulong ino, out byte[]? target)
    {
        long start = Stopwatch.GetTimestamp();
        try { return Inner.ReadLink(ino, out target); }
        finally { FuseOperationMetrics.Record("readlink", start); }
    }

    public int Open(ulong ino, ref FuseFileInfo fileInfo)
    {
        long start = Stopwatch.GetTimestamp();
        try { return Inner.Open(ino, ref fileInfo); }
        finally { FuseOperationMetrics.Record("open", start); }
    }

    public void Read(FuseReadRequest request) => Inner.Read(request);

    public int Release(ulong ino, ref FuseFileInfo fileInfo)
    {
        long start = Stopwatch.GetTimestamp();
        try { return Inner.Release(ino, ref fileInfo); }
        finally { FuseOperationMetrics.Record("release", start); }
    }

    public int OpenDir(ulong ino, ref FuseFileInfo fileInfo)
    {
        long start = Stopwatch.GetTimestamp();
        try { return Inner.OpenDir(ino, ref fileInfo); }
        finally { FuseOperationMetrics.Record("opendir", start); }
    }

    public int ReadDir(ulong ino, long offset, FuseDirectoryBuffer buffer, ref FuseFileInfo fileInfo, bool plus)
    {
        long start = Stopwatch.GetTimestamp();
        try { return Inner.ReadDir(ino, offset, buffer, ref fileInfo, plus); }
        finally { FuseOperationMetrics.Record(plus ? "readdirplus" : "readdir", start); }
    }

    public int ReleaseDir(ulong ino, ref FuseFileInfo fileInfo) => Inner.ReleaseDir(ino, ref fileInfo);

    public int StatFs(ulong ino, ref StatVfs stat)
    {
        long start = Stopwatch.GetTimestamp();
        try { return Inner.StatFs(ino, ref stat); }
        finally { FuseOperationMetrics.Record("statfs", start); }
    }

    public int GetXattr(ulong ino, ReadOnlySpan<byte> name, out byte[]? value)
    {
        long start = Stopwatch.GetTimestamp();
        try { return Inner.GetXattr(ino, name, out value); }
        finally { FuseOperationMetrics.Record("getxattr", start); }
    }

    public int ListXattr(ulong ino, out byte[]? names)
    {
        long start = Stopwatch.GetTimestamp();
        try { return Inner.ListXattr(ino, out names); }
        finally { FuseOperationMetrics.Record("listxattr", start); }
    }

    public int Access(ulong ino, int mask)
    {
        long start = Stopwatch.GetTimestamp();
        try { return Inner.Access(ino, mask); }
        finally { FuseOperationMetrics.Record("access", start); }
    }
}
