using System.Globalization;
using GPhotosFs.Mount;
using GPhotosFs.Originals;
using GPhotosFs.Vfs.Tree;

namespace GPhotosFs.Cli.Commands;

/// <summary>
/// Parses <c>-o</c> options as mount(8) and fstab pass them. Options that only mean something to
/// mount(8) or systemd are accepted and ignored; an unknown option is an error naming it.
/// </summary>
public static class MountOptionParser
{
    private static readonly HashSet<string> Ignored = new(StringComparer.Ordinal)
    {
        "ro", "defaults", "auto", "noauto", "user", "nouser", "users", "_netdev", "nofail", "rw_is_error",
    };

    private static readonly HashSet<string> KernelFlags = new(StringComparer.Ordinal)
    {
        "nosuid", "suid", "nodev", "dev", "noexec", "exec", "noatime", "atime", "relatime", "norelatime", "nodiratime", "async", "sync", "dirsync",
    };

    public static (MountSettings Mount, TreeOptions Tree, OriginalsOptions Originals) Parse(IEnumerable<string> optionLists, MountSettings mount, TreeOptions tree, OriginalsOptions originals)
    {
        var kernel = new List<string>(mount.KernelOptions);
        foreach (var option in optionLists.SelectMany(o => o.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var (key, value) = option.IndexOf('=') is var eq and > 0 ? (option[..eq], option[(eq + 1)..]) : (option, null);
            switch (key)
            {
                case "rw":
                    throw new ArgumentException("the mount is always read-only: remove 'rw' from the options.");
                case "allow_other":
                    mount = mount with { AllowOther = true };
                    break;
                case "albums":
                    tree = tree with
                    {
                        Albums = value switch
                        {
                            "symlinks" => AlbumPresentation.Symlinks,
                            "files" => AlbumPresentation.Files,
                            _ => throw new ArgumentException($"albums={value}: use albums=symlinks or albums=files."),
                        },
                    };
                    break;
                case "noxattr":
                    mount = mount with { Xattrs = false };
                    break;
                case "show_trashed":
                    tree = tree with { ShowTrashed = true };
                    break;
                case "readahead_kb":
                    mount = mount with { ReadaheadKilobytes = Number(option, value, 0, 1 << 20) };
                    break;
                case "max_threads":
                    mount = mount with { MaxThreads = Number(option, value, 1, 256) };
                    break;
                case "uid":
                    mount = mount with { Uid = (uint)Number(option, value, 0, int.MaxValue) };
                    break;
                case "gid":
                    mount = mount with { Gid = (uint)Number(option, value, 0, int.MaxValue) };
                    break;
                case "umask":
                    var umask = Octal(option, value);
                    mount = mount with { FilePermissions = MountIdentity.DefaultFilePermissions & ~umask, DirPermissions = MountIdentity.DefaultDirPermissions & ~umask };
                    break;
                case "file_mode":
                    mount = mount with { FilePermissions = Octal(option, value) & ReadAndExecute };
                    break;
                case "dir_mode":
                    mount = mount with { DirPermissions = Octal(option, value) & ReadAndExecute };
                    break;
                case "fsname":
                    mount = mount with { FsName = value ?? throw new ArgumentException("fsname needs a value.") };
                    break;
                case "catalog_poll":
                    mount = mount with { CatalogPollInterval = TimeSpan.FromSeconds(Number(option, value, 0, 86_400)) };
                    break;
                case "cache_max_size":
                    originals = originals with { CacheMaxBytes = ByteSize.Parse(value ?? "", option) };
                    break;
                case "buffer_budget":
                    var budget = ByteSize.Parse(value ?? "", option);
                    originals = originals with
                    {
                        BufferBudgetBytes = budget >= GPhotosFs.Vfs.Content.BufferBudget.MinimumBytes
                            ? budget
                            : throw new ArgumentException($"{option}: the buffer budget must be at least {GPhotosFs.Vfs.Content.BufferBudget.MinimumBytes >> 20}M (a few of the largest reads beside the downloads' reserve)."),
                    };
                    break;
                case "prefetch_depth":
                    tree = tree with { PrefetchDepth = Number(option, value, 0, 1024) };
                    break;
                case "throttle_floor":
                    originals = originals with { ThrottleFloor = TimeSpan.FromSeconds(Number(option, value, 0, 3600)) };
                    break;
                case "retry_delay_ms":
                    originals = originals with { RetryBaseDelay = TimeSpan.FromMilliseconds(Number(option, value, 1, 600_000)) };
                    break;
                case "stall_timeout":
                    originals = originals with { StallDeadline = TimeSpan.FromSeconds(Number(option, value, 1, 86_400)) };
                    break;
                case "debug":
                    mount = mount with { FuseDebug = true };
                    break;
                case "warmup":
                    mount = mount with { WarmUpReadPath = Number(option, value, 0, 1) == 1 };
                    break;
                case "nonempty":
                    mount = mount with { AllowNonEmpty = true };
                    break;
                default:
                    if (KernelFlags.Contains(key) && value is null)
                    {
                        kernel.Add(key);
                    }
                    else if (!Ignored.Contains(key) && !key.StartsWith("x-", StringComparison.Ordinal) && !key.StartsWith("comment=", StringComparison.Ordinal))
                    {
                        throw new ArgumentException($"unknown mount option '{option}' (see 'gphotosfs mount --help').");
                    }

                    break;
            }
        }

        return (mount with { KernelOptions = kernel }, tree, originals);
    }

    /// <summary>r-x for owner, group and others: the mount is read-only, so write bits given in a mode are dropped.</summary>
    private const uint ReadAndExecute = 0b101_101_101;

    /// <summary>A permission mask as chmod writes it: octal, 0 to 0777 (e.g. 027, 0440).</summary>
    private static uint Octal(string option, string? value)
    {
        if (value is { Length: > 0 and <= 4 } && value.All(c => c is >= '0' and <= '7'))
        {
            var bits = Convert.ToUInt32(value, 8);
            if (bits <= 0b111_111_111)
            {
                return bits;
            }
        }

        throw new ArgumentException($"{option}: expected octal permission bits from 0 to 0777, e.g. umask=027 or file_mode=0440.");
    }

    private static int Number(string option, string? value, int min, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new ArgumentException($"{option}: expected a whole number from {min} to {max}.");
}
