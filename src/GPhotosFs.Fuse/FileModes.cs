namespace GPhotosFs.Fuse;

/// <summary>The S_IF* file type bits of <c>st_mode</c>.</summary>
public static class FileModes
{
    public const uint TypeMask = 0xF000;
    public const uint Directory = 0x4000;
    public const uint Regular = 0x8000;
    public const uint Symlink = 0xA000;
}
