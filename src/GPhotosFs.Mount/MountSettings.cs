namespace GPhotosFs.Mount;

/// <summary>How a library is mounted (parsed from the command line and <c>-o</c> options).</summary>
public sealed record MountSettings
{
    /// <summary>Let other users (e.g. a backup daemon running as another user) read the mount; needs user_allow_other in /etc/fuse.conf for non-root.</summary>
    public bool AllowOther { get; init; }

    /// <summary>Kernel readahead for the mount in KiB (bigger requests, fewer round trips); 0 leaves the kernel default.</summary>
    public int ReadaheadKilobytes { get; init; } = 1024;

    public int MaxThreads { get; init; } = 16;

    /// <summary>Serve the user.gphotos.* extended attributes (costs listings a round trip per file; see PhotoFuseAdapter).</summary>
    public bool Xattrs { get; init; } = true;

    public bool FuseDebug { get; init; }

    /// <summary>-o nonempty: mount over a folder that holds files (refused otherwise, since the mount hides them).</summary>
    public bool AllowNonEmpty { get; init; }

    /// <summary>What <c>mount</c> and <c>df</c> show as the source.</summary>
    public string FsName { get; init; } = "gphotosfs";

    public uint? Uid { get; init; }

    public uint? Gid { get; init; }

    /// <summary>Permission bits of files (file_mode=, umask=); never write bits, the mount is read-only.</summary>
    public uint FilePermissions { get; init; } = MountIdentity.DefaultFilePermissions;

    /// <summary>Permission bits of folders (dir_mode=, umask=).</summary>
    public uint DirPermissions { get; init; } = MountIdentity.DefaultDirPermissions;

    /// <summary>How long SIGTERM waits for open files after detaching a busy mount.</summary>
    public TimeSpan TerminationGrace { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the catalog is checked for changes to show without a remount; zero disables it.</summary>
    public TimeSpan CatalogPollInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Run the download read path once before saying the mount is ready (-o warmup=0 skips it): the
    /// mount returns about that much later, and the first read of a fresh mount no longer compiles it.
    /// </summary>
    public bool WarmUpReadPath { get; init; } = true;

    /// <summary>Kernel mount options passed through (nosuid, nodev, noexec, noatime…).</summary>
    public IReadOnlyList<string> KernelOptions { get; init; } = [];
}
