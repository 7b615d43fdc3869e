using System.Diagnostics;
using System.Runtime.InteropServices;
using GPhotosFs.Fuse.Native;
using GPhotosFs.IO;

namespace GPhotosFs.Fuse.Tests;

/// <summary>
/// Compiles a C program against the installed fuse3 headers and compares every size and offset the
/// binding relies on. A libfuse upgrade that moves a field fails here, not as memory corruption.
/// </summary>
public sealed class StructLayoutTests
{
    private static readonly string[] OpsFields =
    [
        "init", "destroy", "lookup", "forget", "getattr", "setattr", "readlink", "mknod", "mkdir", "unlink",
        "rmdir", "symlink", "rename", "link", "open", "read", "write", "flush", "release", "fsync", "opendir",
        "readdir", "releasedir", "fsyncdir", "statfs", "setxattr", "getxattr", "listxattr", "removexattr",
        "access", "create", "getlk", "setlk", "bmap", "ioctl", "poll", "write_buf", "retrieve_reply",
        "forget_multi", "flock", "fallocate", "readdirplus", "copy_file_range", "lseek",
    ];

    private static readonly string[] OpsManagedFields =
    [
        "Init", "Destroy", "Lookup", "Forget", "GetAttr", "SetAttr", "ReadLink", "MkNod", "MkDir", "Unlink",
        "RmDir", "Symlink", "Rename", "Link", "Open", "Read", "Write", "Flush", "Release", "Fsync", "OpenDir",
        "ReadDir", "ReleaseDir", "FsyncDir", "StatFs", "SetXattr", "GetXattr", "ListXattr", "RemoveXattr",
        "Access", "Create", "GetLk", "SetLk", "Bmap", "Ioctl", "Poll", "WriteBuf", "RetrieveReply",
        "ForgetMulti", "Flock", "Fallocate", "ReadDirPlus", "CopyFileRange", "Lseek",
    ];

    // (C expression, managed type, managed field or null for sizeof)
    private static readonly (string C, Type Type, string? Field)[] Checks =
    [
        ("sizeof(struct stat)", typeof(Stat), null),
        ("offsetof(struct stat, st_dev)", typeof(Stat), nameof(Stat.Dev)),
        ("offsetof(struct stat, st_ino)", typeof(Stat), nameof(Stat.Ino)),
        ("offsetof(struct stat, st_nlink)", typeof(Stat), nameof(Stat.NLink)),
        ("offsetof(struct stat, st_mode)", typeof(Stat), nameof(Stat.Mode)),
        ("offsetof(struct stat, st_uid)", typeof(Stat), nameof(Stat.Uid)),
        ("offsetof(struct stat, st_gid)", typeof(Stat), nameof(Stat.Gid)),
        ("offsetof(struct stat, st_rdev)", typeof(Stat), nameof(Stat.RDev)),
        ("offsetof(struct stat, st_size)", typeof(Stat), nameof(Stat.Size)),
        ("offsetof(struct stat, st_blksize)", typeof(Stat), nameof(Stat.BlkSize)),
        ("offsetof(struct stat, st_blocks)", typeof(Stat), nameof(Stat.Blocks)),
        ("offsetof(struct stat, st_atim)", typeof(Stat), nameof(Stat.ATime)),
        ("offsetof(struct stat, st_mtim)", typeof(Stat), nameof(Stat.MTime)),
        ("offsetof(struct stat, st_ctim)", typeof(Stat), nameof(Stat.CTime)),
        ("sizeof(struct timespec)", typeof(TimeSpec), null),
        ("sizeof(struct statvfs)", typeof(StatVfs), null),
        ("offsetof(struct statvfs, f_bsize)", typeof(StatVfs), nameof(StatVfs.BlockSize)),
        ("offsetof(struct statvfs, f_frsize)", typeof(StatVfs), nameof(StatVfs.FragmentSize)),
        ("offsetof(struct statvfs, f_blocks)", typeof(StatVfs), nameof(StatVfs.Blocks)),
        ("offsetof(struct statvfs, f_bfree)", typeof(StatVfs), nameof(StatVfs.BlocksFree)),
        ("offsetof(struct statvfs, f_bavail)", typeof(StatVfs), nameof(StatVfs.BlocksAvailable)),
        ("offsetof(struct statvfs, f_files)", typeof(StatVfs), nameof(StatVfs.Files)),
        ("offsetof(struct statvfs, f_ffree)", typeof(StatVfs), nameof(StatVfs.FilesFree)),
        ("offsetof(struct statvfs, f_favail)", typeof(StatVfs), nameof(StatVfs.FilesAvailable)),
        ("offsetof(struct statvfs, f_fsid)", typeof(StatVfs), nameof(StatVfs.FileSystemId)),
        ("offsetof(struct statvfs, f_flag)", typeof(StatVfs), nameof(StatVfs.Flags)),
        ("offsetof(struct statvfs, f_namemax)", typeof(StatVfs), nameof(StatVfs.NameMax)),
        ("sizeof(struct fuse_entry_param)", typeof(FuseEntryParam), null),
        ("offsetof(struct fuse_entry_param, ino)", typeof(FuseEntryParam), nameof(FuseEntryParam.Ino)),
        ("offsetof(struct fuse_entry_param, generation)", typeof(FuseEntryParam), nameof(FuseEntryParam.Generation)),
        ("offsetof(struct fuse_entry_param, attr)", typeof(FuseEntryParam), nameof(FuseEntryParam.Attr)),
        ("offsetof(struct fuse_entry_param, attr_timeout)", typeof(FuseEntryParam), nameof(FuseEntryParam.AttrTimeout)),
        ("offsetof(struct fuse_entry_param, entry_timeout)", typeof(FuseEntryParam), nameof(FuseEntryParam.EntryTimeout)),
        ("offsetof(struct fuse_file_info, fh)", typeof(FuseFileInfo), nameof(FuseFileInfo.FileHandle)),
        ("offsetof(struct fuse_file_info, lock_owner)", typeof(FuseFileInfo), nameof(FuseFileInfo.LockOwner)),
        ("offsetof(struct fuse_file_info, flags)", typeof(FuseFileInfo), nameof(FuseFileInfo.Flags)),
        ("sizeof(struct fuse_conn_info)", typeof(FuseConnInfo), null),
        ("offsetof(struct fuse_conn_info, max_write)", typeof(FuseConnInfo), nameof(FuseConnInfo.MaxWrite)),
        ("offsetof(struct fuse_conn_info, max_read)", typeof(FuseConnInfo), nameof(FuseConnInfo.MaxRead)),
        ("offsetof(struct fuse_conn_info, max_readahead)", typeof(FuseConnInfo), nameof(FuseConnInfo.MaxReadahead)),
        ("offsetof(struct fuse_conn_info, capable)", typeof(FuseConnInfo), nameof(FuseConnInfo.Capable)),
        ("offsetof(struct fuse_conn_info, want)", typeof(FuseConnInfo), nameof(FuseConnInfo.Want)),
        ("offsetof(struct fuse_conn_info, max_background)", typeof(FuseConnInfo), nameof(FuseConnInfo.MaxBackground)),
        ("offsetof(struct fuse_conn_info, congestion_threshold)", typeof(FuseConnInfo), nameof(FuseConnInfo.CongestionThreshold)),
        ("offsetof(struct fuse_conn_info, time_gran)", typeof(FuseConnInfo), nameof(FuseConnInfo.TimeGranularity)),
        ("sizeof(struct fuse_args)", typeof(FuseArgs), null),
        ("offsetof(struct fuse_args, argv)", typeof(FuseArgs), nameof(FuseArgs.Argv)),
        ("offsetof(struct fuse_args, allocated)", typeof(FuseArgs), nameof(FuseArgs.Allocated)),
        ("sizeof(struct fuse_ctx)", typeof(FuseContext), null),
        ("offsetof(struct fuse_ctx, pid)", typeof(FuseContext), nameof(FuseContext.Pid)),
        ("offsetof(struct fuse_ctx, umask)", typeof(FuseContext), nameof(FuseContext.Umask)),
        ("sizeof(struct fuse_lowlevel_ops)", typeof(FuseLowLevelOps), null),
    ];

    [Fact]
    public void Every_struct_size_and_offset_matches_the_fuse3_headers()
    {
        var expressions = Checks.Select(c => c.C).Concat(OpsFields.Select(f => $"offsetof(struct fuse_lowlevel_ops, {f})")).ToList();
        var native = RunCProgram(expressions, bitfieldProbe: false);

        var mismatches = new List<string>();
        foreach (var (c, type, field) in Checks)
        {
            var managed = field is null ? SizeOf(type) : (long)Marshal.OffsetOf(type, field);
            if (native[c] != managed)
            {
                mismatches.Add($"{c}: C {native[c]}, C# {managed}");
            }
        }

        for (var i = 0; i < OpsFields.Length; i++)
        {
            var c = $"offsetof(struct fuse_lowlevel_ops, {OpsFields[i]})";
            var managed = (long)Marshal.OffsetOf<FuseLowLevelOps>(OpsManagedFields[i]);
            if (native[c] != managed)
            {
                mismatches.Add($"{c}: C {native[c]}, C# {managed}");
            }
        }

        Assert.True(mismatches.Count == 0, string.Join(Environment.NewLine, mismatches));
        Assert.Equal(OpsFields.Length, typeof(FuseLowLevelOps).GetFields().Length);
    }

    [Fact]
    public void File_info_bit_flags_match_the_fuse3_bitfields()
    {
        var native = RunCProgram([], bitfieldProbe: true);
        foreach (var (name, setter) in new (string, Action<FuseFileInfoProbe>)[]
        {
            ("direct_io", p => p.Info.DirectIo = true),
            ("keep_cache", p => p.Info.KeepCache = true),
            ("cache_readdir", p => p.Info.CacheReaddir = true),
            ("noflush", p => p.Info.NoFlush = true),
        })
        {
            var probe = new FuseFileInfoProbe();
            setter(probe);
            Assert.Equal(native[name], probe.BitWord());
        }
    }

    private sealed class FuseFileInfoProbe
    {
        public FuseFileInfo Info;

        public unsafe long BitWord()
        {
            fixed (FuseFileInfo* p = &Info)
            {
                return ((uint*)p)[1];
            }
        }
    }

    private static unsafe long SizeOf(Type type) => type == typeof(FuseLowLevelOps) ? sizeof(FuseLowLevelOps) : Marshal.SizeOf(type);

    private static Dictionary<string, long> RunCProgram(IReadOnlyList<string> expressions, bool bitfieldProbe)
    {
        var dir = Directory.CreateTempSubdirectory("gphotosfs-abi-");
        try
        {
            var source = new System.Text.StringBuilder();
            source.AppendLine("#define FUSE_USE_VERSION 314");
            source.AppendLine("#include <fuse_lowlevel.h>");
            source.AppendLine("#include <stdio.h>\n#include <stddef.h>\n#include <string.h>\n#include <sys/stat.h>\n#include <sys/statvfs.h>");
            source.AppendLine("int main(void) {");
            foreach (var e in expressions)
            {
                source.AppendLine($"  printf(\"%s=%ld\\n\", \"{e}\", (long)({e}));");
            }

            if (bitfieldProbe)
            {
                foreach (var bit in new[] { "direct_io", "keep_cache", "cache_readdir", "noflush" })
                {
                    source.AppendLine($"  {{ struct fuse_file_info fi; memset(&fi, 0, sizeof fi); fi.{bit} = 1; printf(\"{bit}=%ld\\n\", (long)((unsigned*)&fi)[1]); }}");
                }
            }

            source.AppendLine("  return 0;\n}");
            var c = Path.Combine(dir.FullName, "abi.c");
            var exe = Path.Combine(dir.FullName, "abi");
            File.WriteAllText(c, source.ToString());
            Run("cc", ["-I/usr/include/fuse3", "-o", exe, c]);
            return Run(exe, [])
                .Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => l.Split('='))
                .ToDictionary(p => p[0], p => long.Parse(p[1]));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static string Run(string file, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"{file} failed (needs gcc and Debian's libfuse3-dev): {stderr}");
        return stdout.Result;
    }
}
