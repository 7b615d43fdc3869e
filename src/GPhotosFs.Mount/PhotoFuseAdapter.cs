using System.Collections.Concurrent;
using System.Text;
using GPhotosFs.Fuse;
using GPhotosFs.IO;
using GPhotosFs.Vfs.Content;
using GPhotosFs.Vfs.Tree;
using GPhotosFs.Vfs;
using Microsoft.Extensions.Logging;

namespace GPhotosFs.Mount;

/// <summary>
/// The thin translation between libfuse's requests and <see cref="PhotoFileSystem"/>. It owns only
/// what is FUSE-specific: attributes, cache timeouts, file and directory handles, reply buffers.
/// </summary>
/// <remarks>
/// Caching: the tree only changes when the catalog does, and then the mount host tells the kernel
/// exactly which entries changed, so entries and attributes are cached for a day, readdirplus hands
/// out attributes with entries once a client stats them, file pages survive close (keep_cache) and
/// the kernel caches listings. A metadata walk of a warm mount then costs about what a native tree does.
/// </remarks>
/// <remarks>
/// Xattrs: FUSE caches none, and <c>ls -l</c> asks every file for <c>security.selinux</c> and its ACL.
/// Both are answered EOPNOTSUPP, which coreutils remembers per device; with xattrs off
/// (<c>-o noxattr</c>) the first answer is ENOSYS and the kernel stops asking entirely.
/// </remarks>
/// <remarks>
/// Read replies are built in buffers from the library's <see cref="BufferBudget"/> (shared with the
/// downloads): with many files open and the kernel's read-ahead in flight on each, the budget, not
/// the number of requests, bounds the memory. A read the budget has no room for waits for it.
/// </remarks>
public sealed class PhotoFuseAdapter(PhotoFileSystem fileSystem, MountIdentity identity, ILogger logger, bool xattrs = true, BufferBudget? buffers = null) : FuseFileSystemBase
{
    public const double PositiveTimeoutSeconds = 86_400;
    public const double NegativeTimeoutSeconds = 60;
    private const int PreferredIoSize = 128 * 1024;

    /// <summary>Entries in a listing's first readdirplus reply (see <see cref="ReadDir"/>): whole folders of years, months of a year, albums.</summary>
    internal const int FirstPlusReplyEntries = 64;

    private readonly ConcurrentDictionary<ulong, OpenItem> _files = new();
    private readonly ConcurrentDictionary<ulong, byte[]> _generated = new();
    private readonly BufferBudget _buffers = buffers ?? new BufferBudget();
    private long _nextHandle;

    public override void Init(ref FuseConnInfo connection)
    {
        var wanted = FuseCapabilities.AsyncRead | FuseCapabilities.ReaddirPlus | FuseCapabilities.ParallelDirOps | FuseCapabilities.CacheSymlinks;

        connection.Want |= connection.Capable & wanted;
        // Adaptive readdirplus: plain readdir for walks that only want names (find), attributes with
        // the entries once the client stats them (ls -l, rsync). Measured on 100,000 entries: first
        // find 0.21 s against 0.26 s with readdirplus always on, ls -lR and rsync -n unchanged.
        connection.Want |= connection.Capable & FuseCapabilities.ReaddirPlusAuto;
        // Let the kernel keep many readahead requests in flight: async reads answer them in parallel.
        connection.MaxBackground = 64;
        connection.CongestionThreshold = 48;
        MountLog.Negotiated(logger, connection.ProtoMajor, connection.ProtoMinor, connection.Want.ToString(), connection.MaxReadahead);
    }

    public override int Lookup(ulong parent, ReadOnlySpan<byte> name, ref FuseEntryParam entry)
    {
        if (fileSystem.Get(parent) is not VfsDirectory)
        {
            return -Errno.ENOENT;
        }

        var node = fileSystem.Lookup(parent, name);
        if (node is null)
        {
            // Inode 0 with a timeout is a negative entry the kernel may cache.
            entry.EntryTimeout = NegativeTimeoutSeconds;
            return 0;
        }

        FillEntry(node, ref entry);
        return 0;
    }

    public override int GetAttr(ulong ino, ref Stat stat, out double attrTimeout)
    {
        attrTimeout = PositiveTimeoutSeconds;
        if (fileSystem.Get(ino) is not { } node)
        {
            return -Errno.ENOENT;
        }

        if (node is VfsControlFile)
        {
            attrTimeout = 0; // generated: its size changes with its content
        }

        FillStat(node, ref stat);
        return 0;
    }

    public override int ReadLink(ulong ino, out byte[]? target)
    {
        target = (fileSystem.Get(ino) as VfsSymlink)?.Target;
        return target is null ? -Errno.EINVAL : 0;
    }

    public override int Open(ulong ino, ref FuseFileInfo fileInfo)
    {
        if (fileSystem.Get(ino) is VfsControlFile control)
        {
            // Pin one rendering to this open and bypass the page cache: every read of this handle
            // sees the same whole document, and the next open sees a fresh one.
            var controlHandle = (ulong)Interlocked.Increment(ref _nextHandle);
            _generated[controlHandle] = control.Content.Current.Bytes;
            fileInfo.FileHandle = controlHandle;
            fileInfo.DirectIo = true;
            fileInfo.NoFlush = true;
            return 0;
        }

        var file = fileSystem.Get(ino) switch
        {
            VfsFile f => f,
            VfsHardLink h => h.File,
            VfsDirectory => null,
            _ => null,
        };
        if (file is null)
        {
            return fileSystem.Get(ino) is VfsDirectory ? -Errno.EISDIR : -Errno.ENOENT;
        }

        OpenItem open;
        try
        {
            var pending = fileSystem.OpenAsync(file, CancellationToken.None);
            open = pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
        }
        catch (ContentUnavailableException)
        {
            return -Errno.EIO; // already logged with the item's name and the reason
        }

        var handle = (ulong)Interlocked.Increment(ref _nextHandle);
        _files[handle] = open;
        fileInfo.FileHandle = handle;
        // Originals never change, so pages cached by an earlier open stay valid.
        fileInfo.KeepCache = true;
        fileInfo.NoFlush = true;
        return 0;
    }

    public override void Read(FuseReadRequest request)
    {
        if (_generated.TryGetValue(request.FileHandle, out var bytes))
        {
            var start = (int)Math.Min(request.Offset, bytes.Length);
            request.ReplyData(bytes.AsSpan(start, Math.Min(request.Size, bytes.Length - start)));
            return;
        }

        if (!_files.TryGetValue(request.FileHandle, out var open))
        {
            request.ReplyError(Errno.EBADF);
            return;
        }

        // A read waiting for a download's bytes takes its buffer only once they are there: a cold
        // rsync's reads, each waiting on its file's download, then hold no memory.
        var readable = open.WhenReadableAsync(request.Offset, request.Size, CancellationToken.None);
        if (!readable.IsCompletedSuccessfully)
        {
            _ = ReadWhenReadableAsync(request, open, readable);
            return;
        }

        ReadWithBuffer(request, open);
    }

    private void ReadWithBuffer(FuseReadRequest request, OpenItem open)
    {
        if (_buffers.TryRent(request.Size, BufferUse.Read, out var buffer))
        {
            ReadInto(request, open, buffer);
        }
        else
        {
            _ = ReadWhenBudgetAllowsAsync(request, open);
        }
    }

    private async Task ReadWhenReadableAsync(FuseReadRequest request, OpenItem open, ValueTask readable)
    {
        try
        {
            await readable.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            FailRead(request, open, null, ex);
            return;
        }

        ReadWithBuffer(request, open);
    }

    /// <summary>The budget is spent: wait for a buffer without holding the libfuse thread (the reply is asynchronous anyway).</summary>
    private async Task ReadWhenBudgetAllowsAsync(FuseReadRequest request, OpenItem open)
    {
        byte[] buffer;
        try
        {
            buffer = await _buffers.RentAsync(request.Size, BufferUse.Read, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            MountLog.UnexpectedError(logger, "read", ex);
            request.ReplyError(Errno.EIO);
            return;
        }

        ReadInto(request, open, buffer);
    }

    private void ReadInto(FuseReadRequest request, OpenItem open, byte[] buffer)
    {
        ValueTask<int> pending;
        try
        {
            pending = open.ReadAsync(request.Offset, buffer.AsMemory(0, request.Size), CancellationToken.None);
        }
        catch (Exception ex)
        {
            FailRead(request, open, buffer, ex);
            return;
        }

        if (pending.IsCompletedSuccessfully)
        {
            request.ReplyData(buffer.AsSpan(0, pending.Result));
            _buffers.Return(buffer);
            return;
        }

        _ = CompleteReadAsync(request, open, buffer, pending);
    }

    public override int Release(ulong ino, ref FuseFileInfo fileInfo)
    {
        if (_files.TryRemove(fileInfo.FileHandle, out var open))
        {
            open.Dispose();
        }

        _generated.TryRemove(fileInfo.FileHandle, out _);
        return 0;
    }

    /// <summary>
    /// Answered ENOSYS once: the kernel then stops sending OPENDIR and RELEASEDIR and caches listings
    /// by itself (keep_cache and cache_readdir are its defaults without opendir). A warm find of
    /// 100,000 entries waited on those two round trips per folder (1.38x native, 0.92x without).
    /// The price: a listing is not pinned to one tree snapshot, so one read while a catalog reload
    /// lands may skip or repeat an entry; the reload invalidates the folder, and the next pass is whole.
    /// </summary>
    public override int OpenDir(ulong ino, ref FuseFileInfo fileInfo) => -Errno.ENOSYS;

    /// <summary>
    /// Offsets: 1 after ".", 2 after "..", then child i is followed by offset i + 3.
    /// </summary>
    /// <remarks>
    /// The first readdirplus reply of a listing holds at most <see cref="FirstPlusReplyEntries"/>
    /// entries. With adaptive readdirplus the kernel sends readdirplus for a listing's first request
    /// and then plain readdir unless the caller stats what it got, and every readdirplus entry becomes
    /// a kernel inode. Since Linux 6.16 a request is as large as the caller's getdents buffer (128 KiB
    /// for find), so a full first reply made inodes of ~700 entries per folder that find never stats
    /// (70 % of a 1,000,000-item tree); a short one lets find continue by name, while ls -l and rsync
    /// stat those entries, which turns readdirplus on for the rest of the folder.
    /// </remarks>
    public override int ReadDir(ulong ino, long offset, FuseDirectoryBuffer buffer, ref FuseFileInfo fileInfo, bool plus)
    {
        if (fileSystem.Get(ino) is not VfsDirectory dir)
        {
            return fileSystem.Get(ino) is null ? -Errno.ENOENT : -Errno.ENOTDIR;
        }

        if (offset < 1 && !Add(buffer, "."u8, dir, 1, plus))
        {
            return 0;
        }

        if (offset < 2 && fileSystem.Get(dir.ParentIno) is { } parent && !Add(buffer, ".."u8, parent, 2, plus))
        {
            return 0;
        }

        var children = dir.Children;
        var end = plus && offset == 0 ? Math.Min(children.Count, FirstPlusReplyEntries) : children.Count;
        for (var i = (int)Math.Max(0, offset - 2); i < end; i++)
        {
            if (!Add(buffer, children[i].Name, children[i], i + 3, plus))
            {
                break;
            }
        }

        return 0;
    }

    public override int StatFs(ulong ino, ref StatVfs stat)
    {
        var tree = fileSystem.Tree;
        stat.BlockSize = 4096;
        stat.FragmentSize = 4096;
        stat.Blocks = (ulong)((tree.TotalBytes + 4095) / 4096);
        stat.Files = (ulong)tree.NodeCount;
        stat.NameMax = 255;
        return 0;
    }

    public override int GetXattr(ulong ino, ReadOnlySpan<byte> name, out byte[]? value)
    {
        value = null;
        if (!xattrs)
        {
            return -Errno.ENOSYS; // the kernel then stops sending xattr requests altogether
        }

        if (fileSystem.Get(ino) is not { } node)
        {
            return -Errno.ENOENT;
        }

        // ls -l asks every file for security.selinux and system.posix_acl_access, and FUSE caches no
        // xattrs. This filesystem has no security labels or ACLs, and saying so (EOPNOTSUPP rather
        // than "no such attribute") lets ls and other coreutils stop asking for the whole device.
        if (!name.StartsWith("user."u8))
        {
            return -Errno.ENOTSUP;
        }

        if (!name.StartsWith(PhotoFileSystem.XattrPrefixUtf8))
        {
            return -Errno.ENOATTR;
        }

        var wanted = Encoding.UTF8.GetString(name);
        foreach (var (key, text) in fileSystem.GetAttributes(node))
        {
            if (key == wanted)
            {
                value = Encoding.UTF8.GetBytes(text);
                return 0;
            }
        }

        return -Errno.ENOATTR;
    }

    public override int ListXattr(ulong ino, out byte[]? names)
    {
        names = null;
        if (!xattrs)
        {
            return -Errno.ENOSYS;
        }

        if (fileSystem.Get(ino) is not { } node)
        {
            return -Errno.ENOENT;
        }

        var list = new List<byte>();
        foreach (var (key, _) in fileSystem.GetAttributes(node))
        {
            list.AddRange(Encoding.UTF8.GetBytes(key));
            list.Add(0);
        }

        names = [.. list];
        return 0;
    }

    public override int Access(ulong ino, int mask)
    {
        if (fileSystem.Get(ino) is not { } node)
        {
            return -Errno.ENOENT;
        }

        if ((mask & 2) != 0)
        {
            return -Errno.EROFS;
        }

        return (mask & 1) != 0 && node is VfsFile or VfsHardLink or VfsControlFile ? -Errno.EACCES : 0;
    }

    public override void Destroy() => MountLog.SessionEnded(logger, _buffers.PeakInUseBytes, _buffers.Bytes);

    private bool Add(FuseDirectoryBuffer buffer, ReadOnlySpan<byte> name, VfsNode node, long nextOffset, bool plus)
    {
        if (!plus)
        {
            return buffer.TryAdd(name, node.Ino, ModeOf(node), nextOffset);
        }

        var entry = default(FuseEntryParam);
        FillEntry(node, ref entry);
        return buffer.TryAddPlus(name, entry, nextOffset);
    }

    private void FillEntry(VfsNode node, ref FuseEntryParam entry)
    {
        entry.Ino = node.Ino;
        entry.Generation = 1;
        entry.AttrTimeout = node is VfsControlFile ? 0 : PositiveTimeoutSeconds;
        entry.EntryTimeout = PositiveTimeoutSeconds;
        FillStat(node, ref entry.Attr);
    }

    private void FillStat(VfsNode node, ref Stat stat)
    {
        stat.Ino = node.Ino;
        stat.Mode = ModeOf(node);
        stat.Uid = identity.Uid;
        stat.Gid = identity.Gid;
        stat.BlkSize = PreferredIoSize;
        stat.MTime = stat.ATime = stat.CTime = TimeSpec.FromUnixMilliseconds(node.ModifiedUnixMs);
        switch (node)
        {
            case VfsDirectory dir:
                stat.NLink = 2 + (ulong)dir.SubdirectoryCount;
                stat.Size = 4096;
                stat.Blocks = 8;
                break;
            case VfsFile file:
                SetFileSize(ref stat, file);
                break;
            case VfsHardLink link:
                SetFileSize(ref stat, link.File);
                break;
            case VfsSymlink symlink:
                stat.NLink = 1;
                stat.Size = symlink.Target.Length;
                break;
            case VfsControlFile control:
                var (bytes, at) = control.Content.Current;
                stat.NLink = 1;
                stat.Size = bytes.Length;
                stat.Blocks = (bytes.Length + 511) / 512;
                stat.MTime = stat.ATime = stat.CTime = TimeSpec.FromUnixMilliseconds(at.ToUnixTimeMilliseconds());
                break;
        }
    }

    private static void SetFileSize(ref Stat stat, VfsFile file)
    {
        stat.NLink = (ulong)file.LinkCount;
        stat.Size = file.Size;
        stat.Blocks = (file.Size + 511) / 512;
    }

    private uint ModeOf(VfsNode node) => node switch
    {
        VfsDirectory => FileModes.Directory | identity.DirPermissions, // 0555 unless dir_mode=/umask=
        VfsSymlink => FileModes.Symlink | 0b111_111_111, // 0777, as symlinks always are
        _ => FileModes.Regular | identity.FilePermissions, // 0444 unless file_mode=/umask=
    };

    private async Task CompleteReadAsync(FuseReadRequest request, OpenItem open, byte[] buffer, ValueTask<int> pending)
    {
        try
        {
            var count = await pending.ConfigureAwait(false);
            request.ReplyData(buffer.AsSpan(0, count));
            _buffers.Return(buffer);
        }
        catch (Exception ex)
        {
            FailRead(request, open, buffer, ex);
        }
    }

    private void FailRead(FuseReadRequest request, OpenItem open, byte[]? buffer, Exception ex)
    {
        if (ex is ContentUnavailableException { ReportedElsewhere: true })
        {
            // e.g. a used-up quota: its source logged that once; one line per read would flood the log
        }
        else if (ex is ContentUnavailableException or IOException)
        {
            MountLog.ReadFailed(logger, open.File.NameText, request.Offset, ex.Message);
        }
        else
        {
            MountLog.UnexpectedError(logger, "read", ex);
        }

        if (buffer is not null)
        {
            _buffers.Return(buffer);
        }

        if (!request.IsReplied)
        {
            request.ReplyError(Errno.EIO);
        }
    }
}
