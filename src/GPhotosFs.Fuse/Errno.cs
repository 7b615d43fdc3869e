namespace GPhotosFs.Fuse;

/// <summary>Linux errno values the binding and its filesystems answer with.</summary>
public static class Errno
{
    public const int EPERM = 1;
    public const int ENOENT = 2;
    public const int EIO = 5;
    public const int EBADF = 9;
    public const int EAGAIN = 11;
    public const int ENOMEM = 12;
    public const int EACCES = 13;
    public const int EBUSY = 16;
    public const int EEXIST = 17;
    public const int ENOTDIR = 20;
    public const int EISDIR = 21;
    public const int EINVAL = 22;
    public const int ENOSPC = 28;
    public const int EROFS = 30;
    public const int ERANGE = 34;
    public const int ENOSYS = 38;
    public const int ENODATA = 61;
    public const int ENOTSUP = 95;
    public const int ETIMEDOUT = 110;
    public const int ENOTCONN = 107;

    /// <summary>The xattr "no such attribute" error on Linux.</summary>
    public const int ENOATTR = ENODATA;
}
