using System.Runtime.InteropServices;
using GPhotosFs.IO;

namespace GPhotosFs.Fuse.Native;

/// <summary>
/// P/Invoke entry points of libfuse3.so.3 (low-level API). Versioned symbols are bound by their
/// explicit names where the plain name would be ambiguous (see REFERENCE section 3).
/// </summary>
internal static unsafe partial class LibFuse
{
    private const string Lib = "libfuse3.so.3";

    [LibraryImport(Lib, EntryPoint = "fuse_session_new")]
    public static partial nint SessionNew(FuseArgs* args, FuseLowLevelOps* ops, nuint opSize, nint userdata);

    [LibraryImport(Lib, EntryPoint = "fuse_session_mount")]
    public static partial int SessionMount(nint session, byte* mountpoint);

    /// <summary>The 3.12 loop that takes a <c>struct fuse_loop_config*</c>.</summary>
    [LibraryImport(Lib, EntryPoint = "fuse_session_loop_mt_312")]
    public static partial int SessionLoopMt(nint session, nint loopConfig);

    [LibraryImport(Lib, EntryPoint = "fuse_session_unmount")]
    public static partial void SessionUnmount(nint session);

    [LibraryImport(Lib, EntryPoint = "fuse_session_destroy")]
    public static partial void SessionDestroy(nint session);

    [LibraryImport(Lib, EntryPoint = "fuse_opt_free_args")]
    public static partial void OptFreeArgs(FuseArgs* args);

    [LibraryImport(Lib, EntryPoint = "fuse_loop_cfg_create")]
    public static partial nint LoopConfigCreate();

    [LibraryImport(Lib, EntryPoint = "fuse_loop_cfg_destroy")]
    public static partial void LoopConfigDestroy(nint config);

    [LibraryImport(Lib, EntryPoint = "fuse_loop_cfg_set_max_threads")]
    public static partial void LoopConfigSetMaxThreads(nint config, uint value);

    [LibraryImport(Lib, EntryPoint = "fuse_loop_cfg_set_clone_fd")]
    public static partial void LoopConfigSetCloneFd(nint config, uint value);

    [LibraryImport(Lib, EntryPoint = "fuse_req_userdata")]
    public static partial nint ReqUserdata(nint req);

    [LibraryImport(Lib, EntryPoint = "fuse_req_ctx")]
    public static partial FuseContext* ReqContext(nint req);

    [LibraryImport(Lib, EntryPoint = "fuse_reply_err")]
    public static partial int ReplyErr(nint req, int err);

    [LibraryImport(Lib, EntryPoint = "fuse_reply_none")]
    public static partial void ReplyNone(nint req);

    [LibraryImport(Lib, EntryPoint = "fuse_reply_entry")]
    public static partial int ReplyEntry(nint req, FuseEntryParam* entry);

    [LibraryImport(Lib, EntryPoint = "fuse_reply_attr")]
    public static partial int ReplyAttr(nint req, Stat* attr, double attrTimeout);

    [LibraryImport(Lib, EntryPoint = "fuse_reply_readlink")]
    public static partial int ReplyReadlink(nint req, byte* link);

    [LibraryImport(Lib, EntryPoint = "fuse_reply_open")]
    public static partial int ReplyOpen(nint req, FuseFileInfo* fi);

    [LibraryImport(Lib, EntryPoint = "fuse_reply_buf")]
    public static partial int ReplyBuf(nint req, byte* buf, nuint size);

    [LibraryImport(Lib, EntryPoint = "fuse_reply_statfs")]
    public static partial int ReplyStatfs(nint req, StatVfs* stbuf);

    [LibraryImport(Lib, EntryPoint = "fuse_reply_xattr")]
    public static partial int ReplyXattr(nint req, nuint count);

    [LibraryImport(Lib, EntryPoint = "fuse_add_direntry")]
    public static partial nuint AddDirentry(nint req, byte* buf, nuint bufsize, byte* name, Stat* stbuf, long off);

    [LibraryImport(Lib, EntryPoint = "fuse_add_direntry_plus")]
    public static partial nuint AddDirentryPlus(nint req, byte* buf, nuint bufsize, byte* name, FuseEntryParam* entry, long off);

    [LibraryImport(Lib, EntryPoint = "fuse_lowlevel_notify_inval_entry")]
    public static partial int NotifyInvalEntry(nint session, ulong parent, byte* name, nuint nameLength);

    [LibraryImport(Lib, EntryPoint = "fuse_lowlevel_notify_inval_inode")]
    public static partial int NotifyInvalInode(nint session, ulong ino, long offset, long length);
}
