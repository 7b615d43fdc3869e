namespace GPhotosFs.Fuse;

/// <summary>The outcome of an unmount attempt. <see cref="Errno"/> is EBUSY when files are still open.</summary>
public readonly record struct UnmountResult(bool Success, int Errno, string Message)
{
    public static UnmountResult Ok { get; } = new(true, 0, "unmounted");
}
