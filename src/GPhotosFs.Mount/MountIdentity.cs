namespace GPhotosFs.Mount;

/// <summary>
/// The owner and permission bits shown on every file and folder: the mounting user unless uid=/gid=
/// say otherwise; files 0444 and folders 0555 unless umask=, file_mode= or dir_mode= say otherwise.
/// </summary>
public readonly record struct MountIdentity(uint Uid, uint Gid, uint FilePermissions = MountIdentity.DefaultFilePermissions, uint DirPermissions = MountIdentity.DefaultDirPermissions)
{
    /// <summary>0444: everyone may read (the mount is read-only, so there are never write bits).</summary>
    public const uint DefaultFilePermissions = 0b100_100_100;

    /// <summary>0555.</summary>
    public const uint DefaultDirPermissions = 0b101_101_101;
}
