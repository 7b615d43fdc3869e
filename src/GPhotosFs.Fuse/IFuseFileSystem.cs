using GPhotosFs.IO;

namespace GPhotosFs.Fuse;

/// <summary>
/// A filesystem served through libfuse's low-level (inode-based) API. Shaped after Tmds.Fuse's
/// <c>IFuseFileSystem</c>: each operation returns 0 or a negative errno (e.g. <c>-Errno.ENOENT</c>),
/// and <see cref="FuseFileSystemBase"/> supplies read-only defaults. Unlike Tmds.Fuse, operations
/// take inode numbers rather than paths: the filesystem owns its inode numbers (the kernel's node ids
/// are the filesystem's own, so they are stable and need no path table in libfuse), and a read may be
/// answered later from another thread (<see cref="FuseReadRequest"/>).
/// Methods are called concurrently from libfuse's worker threads.
/// </summary>
public interface IFuseFileSystem
{
    /// <summary>Negotiates capabilities once, before any other request.</summary>
    void Init(ref FuseConnInfo connection);

    /// <summary>Called once when the session ends.</summary>
    void Destroy();

    /// <summary>Finds <paramref name="name"/> (UTF-8, no NUL) in directory <paramref name="parent"/>.</summary>
    int Lookup(ulong parent, ReadOnlySpan<byte> name, ref FuseEntryParam entry);

    /// <summary>The kernel dropped <paramref name="lookupCount"/> references to <paramref name="ino"/>.</summary>
    void Forget(ulong ino, ulong lookupCount);

    int GetAttr(ulong ino, ref Stat stat, out double attrTimeout);

    /// <summary>The target of a symlink, as UTF-8 bytes without a NUL.</summary>
    int ReadLink(ulong ino, out byte[]? target);

    int Open(ulong ino, ref FuseFileInfo fileInfo);

    /// <summary>Answers through <paramref name="request"/>, now or later, exactly once.</summary>
    void Read(FuseReadRequest request);

    int Release(ulong ino, ref FuseFileInfo fileInfo);

    int OpenDir(ulong ino, ref FuseFileInfo fileInfo);

    /// <summary>
    /// Fills <paramref name="buffer"/> with entries after <paramref name="offset"/> (0 = from the start;
    /// otherwise an offset this filesystem gave an earlier entry). With <paramref name="plus"/> set, entries
    /// carry full attributes (readdirplus) and each counts as a lookup.
    /// </summary>
    int ReadDir(ulong ino, long offset, FuseDirectoryBuffer buffer, ref FuseFileInfo fileInfo, bool plus);

    int ReleaseDir(ulong ino, ref FuseFileInfo fileInfo);

    int StatFs(ulong ino, ref StatVfs stat);

    /// <summary>The value of extended attribute <paramref name="name"/> (UTF-8, no NUL).</summary>
    int GetXattr(ulong ino, ReadOnlySpan<byte> name, out byte[]? value);

    /// <summary>The attribute names, each UTF-8 and NUL-terminated, concatenated.</summary>
    int ListXattr(ulong ino, out byte[]? names);

    /// <summary>Checks access per <c>access(2)</c>'s mask (R_OK 4, W_OK 2, X_OK 1, F_OK 0).</summary>
    int Access(ulong ino, int mask);
}
