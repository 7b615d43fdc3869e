using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using GPhotosFs.Fuse.Native;
using GPhotosFs.IO;

namespace GPhotosFs.Fuse;

/// <summary>
/// The native entry points libfuse calls. Each one finds its <see cref="FuseMount"/> through the
/// session's userdata, calls the filesystem, and sends exactly one reply. An exception from the
/// filesystem is reported and answered with EIO: a bug in one request must never take the daemon
/// (and with it the mount) down. Write-type requests are answered EROFS here, before any
/// filesystem code runs.
/// </summary>
internal static unsafe class FuseCallbacks
{
    private const int O_ACCMODE = 3;
    private const int O_TRUNC = 0x200;

    public static FuseLowLevelOps CreateOps() => new()
    {
        Init = &Init,
        Destroy = &Destroy,
        Lookup = &Lookup,
        Forget = &Forget,
        GetAttr = &GetAttr,
        SetAttr = &SetAttr,
        ReadLink = &ReadLink,
        MkNod = &MkNod,
        MkDir = &MkDir,
        Unlink = &Unlink,
        RmDir = &Unlink,
        Symlink = &Symlink,
        Rename = &Rename,
        Link = &Link,
        Open = &Open,
        Read = &Read,
        Write = &Write,
        Flush = &Flush,
        Release = &Release,
        Fsync = &Fsync,
        OpenDir = &OpenDir,
        ReadDir = &ReadDir,
        ReleaseDir = &ReleaseDir,
        FsyncDir = &Fsync,
        StatFs = &StatFs,
        SetXattr = &SetXattr,
        GetXattr = &GetXattr,
        ListXattr = &ListXattr,
        RemoveXattr = &Unlink,
        Access = &Access,
        Create = &Create,
        ForgetMulti = &ForgetMulti,
        Fallocate = &Fallocate,
        ReadDirPlus = &ReadDirPlus,
        CopyFileRange = &CopyFileRange,
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static FuseMount MountOf(nint req) => FuseMount.FromUserdata(LibFuse.ReqUserdata(req));

    private static void Reply(nint req, int result) => LibFuse.ReplyErr(req, result < 0 ? -result : 0);

    [UnmanagedCallersOnly]
    private static void Init(nint userdata, FuseConnInfo* connection)
    {
        var mount = FuseMount.FromUserdata(userdata);
        try
        {
            mount.FileSystem.Init(ref *connection);
        }
        catch (Exception ex)
        {
            mount.ReportException("init", ex);
        }
    }

    [UnmanagedCallersOnly]
    private static void Destroy(nint userdata)
    {
        var mount = FuseMount.FromUserdata(userdata);
        try
        {
            mount.FileSystem.Destroy();
        }
        catch (Exception ex)
        {
            mount.ReportException("destroy", ex);
        }
    }

    [UnmanagedCallersOnly]
    private static void Lookup(nint req, ulong parent, byte* name)
    {
        var mount = MountOf(req);
        try
        {
            FuseEntryParam entry = default;
            var result = mount.FileSystem.Lookup(parent, MemoryMarshal.CreateReadOnlySpanFromNullTerminated(name), ref entry);
            if (result == 0)
            {
                // An entry with inode 0 is a cacheable negative answer.
                LibFuse.ReplyEntry(req, &entry);
            }
            else
            {
                Reply(req, result);
            }
        }
        catch (Exception ex)
        {
            mount.Fail(req, "lookup", ex);
        }
    }

    [UnmanagedCallersOnly]
    private static void Forget(nint req, ulong ino, ulong lookupCount)
    {
        var mount = MountOf(req);
        try
        {
            mount.FileSystem.Forget(ino, lookupCount);
        }
        catch (Exception ex)
        {
            mount.ReportException("forget", ex);
        }

        LibFuse.ReplyNone(req);
    }

    [UnmanagedCallersOnly]
    private static void ForgetMulti(nint req, nuint count, nint forgets)
    {
        var mount = MountOf(req);
        try
        {
            // struct fuse_forget_data { uint64_t ino; uint64_t nlookup; }
            var items = (ulong*)forgets;
            for (nuint i = 0; i < count; i++)
            {
                mount.FileSystem.Forget(items[2 * i], items[(2 * i) + 1]);
            }
        }
        catch (Exception ex)
        {
            mount.ReportException("forget", ex);
        }

        LibFuse.ReplyNone(req);
    }

    [UnmanagedCallersOnly]
    private static void GetAttr(nint req, ulong ino, FuseFileInfo* fileInfo)
    {
        var mount = MountOf(req);
        try
        {
            Stat stat = default;
            var result = mount.FileSystem.GetAttr(ino, ref stat, out var timeout);
            if (result == 0)
            {
                LibFuse.ReplyAttr(req, &stat, timeout);
            }
            else
            {
                Reply(req, result);
            }
        }
        catch (Exception ex)
        {
            mount.Fail(req, "getattr", ex);
        }
    }

    [UnmanagedCallersOnly]
    private static void ReadLink(nint req, ulong ino)
    {
        var mount = MountOf(req);
        try
        {
            var result = mount.FileSystem.ReadLink(ino, out var target);
            if (result != 0 || target is null)
            {
                Reply(req, result != 0 ? result : -Errno.EIO);
                return;
            }

            Span<byte> z = target.Length < 4096 ? stackalloc byte[target.Length + 1] : new byte[target.Length + 1];
            target.CopyTo(z);
            z[target.Length] = 0;
            fixed (byte* p = z)
            {
                LibFuse.ReplyReadlink(req, p);
            }
        }
        catch (Exception ex)
        {
            mount.Fail(req, "readlink", ex);
        }
    }

    [UnmanagedCallersOnly]
    private static void Open(nint req, ulong ino, FuseFileInfo* fileInfo)
    {
        var mount = MountOf(req);
        try
        {
            if ((fileInfo->Flags & O_ACCMODE) != 0 || (fileInfo->Flags & O_TRUNC) != 0)
            {
                LibFuse.ReplyErr(req, Errno.EROFS);
                return;
            }

            var result = mount.FileSystem.Open(ino, ref *fileInfo);
            if (result == 0)
            {
                LibFuse.ReplyOpen(req, fileInfo);
            }
            else
            {
                Reply(req, result);
            }
        }
        catch (Exception ex)
        {
            mount.Fail(req, "open", ex);
        }
    }

    [UnmanagedCallersOnly]
    private static void Read(nint req, ulong ino, nuint size, long offset, FuseFileInfo* fileInfo)
    {
        var mount = MountOf(req);
        var request = new FuseReadRequest(req, ino, offset, (int)Math.Min(size, int.MaxValue), fileInfo->FileHandle);
        try
        {
            mount.FileSystem.Read(request);
        }
        catch (Exception ex)
        {
            mount.ReportException("read", ex);
            request.ReplyErrorIfPending(Errno.EIO);
        }
    }

    [UnmanagedCallersOnly]
    private static void Release(nint req, ulong ino, FuseFileInfo* fileInfo)
    {
        var mount = MountOf(req);
        try
        {
            Reply(req, mount.FileSystem.Release(ino, ref *fileInfo));
        }
        catch (Exception ex)
        {
            mount.Fail(req, "release", ex);
        }
    }

    [UnmanagedCallersOnly]
    private static void Flush(nint req, ulong ino, FuseFileInfo* fileInfo) => LibFuse.ReplyErr(req, 0);

    [UnmanagedCallersOnly]
    private static void Fsync(nint req, ulong ino, int dataSync, FuseFileInfo* fileInfo) => LibFuse.ReplyErr(req, 0);

    [UnmanagedCallersOnly]
    private static void OpenDir(nint req, ulong ino, FuseFileInfo* fileInfo)
    {
        var mount = MountOf(req);
        try
        {
            var result = mount.FileSystem.OpenDir(ino, ref *fileInfo);
            if (result == 0)
            {
                LibFuse.ReplyOpen(req, fileInfo);
            }
            else
            {
                Reply(req, result);
            }
        }
        catch (Exception ex)
        {
            mount.Fail(req, "opendir", ex);
        }
    }

    [UnmanagedCallersOnly]
    private static void ReadDir(nint req, ulong ino, nuint size, long offset, FuseFileInfo* fileInfo) =>
        ReadDirCore(req, ino, size, offset, fileInfo, plus: false);

    [UnmanagedCallersOnly]
    private static void ReadDirPlus(nint req, ulong ino, nuint size, long offset, FuseFileInfo* fileInfo) =>
        ReadDirCore(req, ino, size, offset, fileInfo, plus: true);

    private static void ReadDirCore(nint req, ulong ino, nuint size, long offset, FuseFileInfo* fileInfo, bool plus)
    {
        var mount = MountOf(req);
        try
        {
            var buffer = FuseDirectoryBuffer.Rent(req, size);
            var result = mount.FileSystem.ReadDir(ino, offset, buffer, ref *fileInfo, plus);
            if (result == 0)
            {
                buffer.Reply();
            }
            else
            {
                Reply(req, result);
            }
        }
        catch (Exception ex)
        {
            mount.Fail(req, plus ? "readdirplus" : "readdir", ex);
        }
    }

    [UnmanagedCallersOnly]
    private static void ReleaseDir(nint req, ulong ino, FuseFileInfo* fileInfo)
    {
        var mount = MountOf(req);
        try
        {
            Reply(req, mount.FileSystem.ReleaseDir(ino, ref *fileInfo));
        }
        catch (Exception ex)
        {
            mount.Fail(req, "releasedir", ex);
        }
    }

    [UnmanagedCallersOnly]
    private static void StatFs(nint req, ulong ino)
    {
        var mount = MountOf(req);
        try
        {
            StatVfs stat = default;
            var result = mount.FileSystem.StatFs(ino, ref stat);
            if (result == 0)
            {
                LibFuse.ReplyStatfs(req, &stat);
            }
            else
            {
                Reply(req, result);
            }
        }
        catch (Exception ex)
        {
            mount.Fail(req, "statfs", ex);
        }
    }

    [UnmanagedCallersOnly]
    private static void GetXattr(nint req, ulong ino, byte* name, nuint size)
    {
        var mount = MountOf(req);
        try
        {
            var result = mount.FileSystem.GetXattr(ino, MemoryMarshal.CreateReadOnlySpanFromNullTerminated(name), out var value);
            ReplyXattrValue(req, result, value, size);
        }
        catch (Exception ex)
        {
            mount.Fail(req, "getxattr", ex);
        }
    }

    [UnmanagedCallersOnly]
    private static void ListXattr(nint req, ulong ino, nuint size)
    {
        var mount = MountOf(req);
        try
        {
            var result = mount.FileSystem.ListXattr(ino, out var names);
            ReplyXattrValue(req, result, names, size);
        }
        catch (Exception ex)
        {
            mount.Fail(req, "listxattr", ex);
        }
    }

    /// <summary>getxattr/listxattr protocol: size 0 asks for the length; a too small buffer is ERANGE.</summary>
    private static void ReplyXattrValue(nint req, int result, byte[]? value, nuint size)
    {
        if (result != 0)
        {
            Reply(req, result);
            return;
        }

        value ??= [];
        if (size == 0)
        {
            LibFuse.ReplyXattr(req, (nuint)value.Length);
        }
        else if ((nuint)value.Length > size)
        {
            LibFuse.ReplyErr(req, Errno.ERANGE);
        }
        else
        {
            fixed (byte* p = value)
            {
                LibFuse.ReplyBuf(req, p, (nuint)value.Length);
            }
        }
    }

    [UnmanagedCallersOnly]
    private static void Access(nint req, ulong ino, int mask)
    {
        var mount = MountOf(req);
        try
        {
            Reply(req, mount.FileSystem.Access(ino, mask));
        }
        catch (Exception ex)
        {
            mount.Fail(req, "access", ex);
        }
    }

    // Every request that would change the filesystem: the mount is read-only.
    [UnmanagedCallersOnly]
    private static void SetAttr(nint req, ulong ino, Stat* attr, int toSet, FuseFileInfo* fileInfo) => LibFuse.ReplyErr(req, Errno.EROFS);

    [UnmanagedCallersOnly]
    private static void MkNod(nint req, ulong parent, byte* name, uint mode, ulong rdev) => LibFuse.ReplyErr(req, Errno.EROFS);

    [UnmanagedCallersOnly]
    private static void MkDir(nint req, ulong parent, byte* name, uint mode) => LibFuse.ReplyErr(req, Errno.EROFS);

    [UnmanagedCallersOnly]
    private static void Unlink(nint req, ulong parent, byte* name) => LibFuse.ReplyErr(req, Errno.EROFS);

    [UnmanagedCallersOnly]
    private static void Symlink(nint req, byte* link, ulong parent, byte* name) => LibFuse.ReplyErr(req, Errno.EROFS);

    [UnmanagedCallersOnly]
    private static void Rename(nint req, ulong parent, byte* name, ulong newParent, byte* newName, uint flags) => LibFuse.ReplyErr(req, Errno.EROFS);

    [UnmanagedCallersOnly]
    private static void Link(nint req, ulong ino, ulong newParent, byte* newName) => LibFuse.ReplyErr(req, Errno.EROFS);

    [UnmanagedCallersOnly]
    private static void Write(nint req, ulong ino, byte* buf, nuint size, long offset, FuseFileInfo* fileInfo) => LibFuse.ReplyErr(req, Errno.EROFS);

    [UnmanagedCallersOnly]
    private static void SetXattr(nint req, ulong ino, byte* name, byte* value, nuint size, int flags) => LibFuse.ReplyErr(req, Errno.EROFS);

    [UnmanagedCallersOnly]
    private static void Create(nint req, ulong parent, byte* name, uint mode, FuseFileInfo* fileInfo) => LibFuse.ReplyErr(req, Errno.EROFS);

    [UnmanagedCallersOnly]
    private static void Fallocate(nint req, ulong ino, int mode, long offset, long length, FuseFileInfo* fileInfo) => LibFuse.ReplyErr(req, Errno.EROFS);

    [UnmanagedCallersOnly]
    private static void CopyFileRange(nint req, ulong inoIn, long offIn, FuseFileInfo* fiIn, ulong inoOut, long offOut, FuseFileInfo* fiOut, nuint length, int flags) =>
        LibFuse.ReplyErr(req, Errno.EROFS);
}
