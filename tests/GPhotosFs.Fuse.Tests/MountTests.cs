using System.Runtime.InteropServices;
using System.Text;

namespace GPhotosFs.Fuse.Tests;

/// <summary>The binding on a real kernel mount, driven through ordinary file APIs.</summary>
public sealed partial class MountTests
{
    [FuseFact]
    public void Serves_files_attributes_symlinks_and_xattrs()
    {
        var fs = new MemoryFileSystem { BigDirectoryCount = 3 };
        using var mount = new TestMount(fs);

        Assert.True(TestMount.IsMounted(mount.Path));
        Assert.Equal(MemoryFileSystem.HelloContent, File.ReadAllBytes(Path.Combine(mount.Path, "hello.txt")));
        var info = new FileInfo(Path.Combine(mount.Path, "hello.txt"));
        Assert.Equal(MemoryFileSystem.HelloContent.Length, info.Length);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead, info.UnixFileMode);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(MemoryFileSystem.MTimeMilliseconds).UtcDateTime, info.LastWriteTimeUtc);
        Assert.Equal("hello.txt", new FileInfo(Path.Combine(mount.Path, "link")).LinkTarget);
        Assert.Equal("bonjour", GetXattr(Path.Combine(mount.Path, "hello.txt"), "user.test.greeting"));
        Assert.Null(GetXattr(Path.Combine(mount.Path, "hello.txt"), "user.test.absent"));
        Assert.Equal(["big", "boom", "hello.txt", "link"], Directory.EnumerateFileSystemEntries(mount.Path).Select(p => Path.GetFileName(p)!).Order().ToArray());
        Assert.True(fs.Granted.HasFlag(FuseCapabilities.ReaddirPlus));
        Assert.Equal(1, fs.InitCalls);
    }

    [FuseFact]
    public void An_exception_in_a_callback_answers_EIO_and_the_mount_lives_on()
    {
        var errors = new List<Exception>();
        using var mount = new TestMount(new MemoryFileSystem { BigDirectoryCount = 1 }, errors);

        var ex = Assert.Throws<IOException>(() => File.ReadAllBytes(Path.Combine(mount.Path, "boom")));
        Assert.Contains("Input/output error", ex.Message);
        lock (errors)
        {
            Assert.Contains(errors, e => e.Message == "deliberate failure in getattr");
        }

        Assert.Equal(MemoryFileSystem.HelloContent, File.ReadAllBytes(Path.Combine(mount.Path, "hello.txt")));
    }

    [FuseFact]
    public void Every_write_is_refused_as_read_only()
    {
        using var mount = new TestMount(new MemoryFileSystem { BigDirectoryCount = 1 });
        var hello = Path.Combine(mount.Path, "hello.txt");

        AssertReadOnly(() => File.WriteAllText(hello, "x"));
        AssertReadOnly(() => File.AppendAllText(hello, "x"));
        AssertReadOnly(() => Directory.CreateDirectory(Path.Combine(mount.Path, "new")));
        AssertReadOnly(() => File.WriteAllText(Path.Combine(mount.Path, "new.txt"), "x"));
        AssertReadOnly(() => File.Delete(hello));
        AssertReadOnly(() => File.Move(hello, Path.Combine(mount.Path, "moved.txt")));
        AssertReadOnly(() => File.SetUnixFileMode(hello, UnixFileMode.UserWrite));
        Assert.Equal(MemoryFileSystem.HelloContent, File.ReadAllBytes(hello));
    }

    [FuseFact]
    public void A_large_directory_lists_every_entry_once_across_readdir_offsets()
    {
        using var mount = new TestMount(new MemoryFileSystem { BigDirectoryCount = 20_000 });

        var names = Directory.EnumerateFiles(Path.Combine(mount.Path, "big")).Select(Path.GetFileName).ToList();

        Assert.Equal(20_000, names.Count);
        Assert.Equal(20_000, names.Distinct().Count());
        Assert.Contains("file-019999.jpg", names);
    }

    [FuseFact]
    public void Unmount_ends_the_loop_and_destroys_the_session()
    {
        var fs = new MemoryFileSystem { BigDirectoryCount = 1 };
        using var mount = new TestMount(fs);
        _ = File.ReadAllBytes(Path.Combine(mount.Path, "hello.txt"));

        Assert.True(mount.Mount.Unmount().Success);

        Assert.True(mount.Mount.Completion.Wait(TimeSpan.FromSeconds(10)), "the loop did not end after unmount");
        Assert.False(TestMount.IsMounted(mount.Path));
        Assert.Equal(1, fs.DestroyCalls);
    }

    [FuseFact]
    public void Unmount_with_an_open_file_reports_busy_and_a_lazy_unmount_finishes_when_it_closes()
    {
        var fs = new MemoryFileSystem { BigDirectoryCount = 1 };
        using var mount = new TestMount(fs);
        var stream = File.OpenRead(Path.Combine(mount.Path, "hello.txt"));

        var busy = mount.Mount.Unmount();
        Assert.False(busy.Success);
        Assert.Equal(Errno.EBUSY, busy.Errno);
        Assert.True(TestMount.IsMounted(mount.Path));

        Assert.True(mount.Mount.Unmount(lazy: true).Success);
        Assert.False(TestMount.IsMounted(mount.Path));
        // The detached mount still serves the open file until it is closed.
        var buffer = new byte[64];
        Assert.Equal(MemoryFileSystem.HelloContent.Length, stream.Read(buffer));
        Assert.False(mount.Mount.Completion.IsCompleted);

        stream.Dispose();
        Assert.True(mount.Mount.Completion.Wait(TimeSpan.FromSeconds(10)), "the loop did not end after the last file closed");
        Assert.False(TestMount.IsMounted(mount.Path));
    }

    private static void AssertReadOnly(Action action)
    {
        var ex = Assert.ThrowsAny<Exception>(action);
        Assert.True(ex is IOException or UnauthorizedAccessException, ex.ToString());
        Assert.Contains("Read-only file system", ex.Message + ex.InnerException?.Message);
    }

    private static string? GetXattr(string path, string name)
    {
        var buffer = new byte[256];
        var n = LGetXattr(path, name, buffer, (nuint)buffer.Length);
        return n < 0 ? null : Encoding.UTF8.GetString(buffer, 0, (int)n);
    }

    [LibraryImport("libc", EntryPoint = "lgetxattr", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint LGetXattr(string path, string name, byte[] value, nuint size);
}
