using System.Text;
using GPhotosFs.IO;

namespace GPhotosFs.Catalog.Tests;

/// <summary>
/// <see cref="PrivateFiles.ReplaceAtomically(string, Action{Stream}, bool)"/> on the real (ext4)
/// filesystem under /tmp: a crash at the worst moment leaves the old file whole and nothing else
/// in the folder, and nobody else can read the new bytes at any moment. umask 0 is the process's,
/// so these run alone.
/// </summary>
[Collection(UmaskCollection.Name)]
public sealed class AtomicReplaceTests : IDisposable
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly TempDirectory _folder = new();
    private readonly uint _umask = Libc.Umask(0);

    public void Dispose()
    {
        Libc.Umask(_umask);
        _folder.Dispose();
    }

    [Fact]
    public void Replaces_the_file_owner_only_and_creates_a_private_folder()
    {
        var path = _folder.File("config/gphotosfs/config.json");

        PrivateFiles.ReplaceAtomically(path, "first"u8.ToArray());
        PrivateFiles.ReplaceAtomically(path, stream => stream.Write("second"u8));

        Assert.Equal("second", File.ReadAllText(path));
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(path));
        Assert.Equal(OwnerReadWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_folder.File("config/gphotosfs")));
        Assert.Equal(["config.json"], Names(_folder.File("config/gphotosfs")));
    }

    [Fact]
    public void A_file_shared_on_purpose_becomes_owner_only_when_replaced()
    {
        var path = _folder.File("token.json");
        File.WriteAllText(path, "old");
        File.SetUnixFileMode(path, OwnerReadWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        PrivateFiles.ReplaceAtomically(path, "new"u8.ToArray());

        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(path));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)] // a filesystem without O_TMPFILE: a named temporary file
    public void A_crash_after_writing_and_before_the_rename_leaves_the_old_file_and_nothing_else(bool unnamed)
    {
        var path = _folder.File("source-1.json");
        File.WriteAllText(path, "old record");

        var crash = Assert.Throws<IOException>(() => PrivateFiles.ReplaceAtomically(
            path,
            stream => stream.Write(Encoding.UTF8.GetBytes(new string('x', 100_000))),
            syncFolder: true,
            beforeNaming: _ => throw new IOException("simulated crash"),
            allowUnnamed: unnamed));

        Assert.Equal("simulated crash", crash.Message);
        Assert.Equal("old record", File.ReadAllText(path));
        Assert.Equal(["source-1.json"], Names(_folder.Path));
    }

    [Fact]
    public async Task While_the_new_bytes_wait_to_be_named_readers_see_only_the_old_file_and_the_new_one_is_0600()
    {
        var path = _folder.File("mount.json");
        File.WriteAllText(path, "old");
        using var durable = new ManualResetEventSlim();
        using var resume = new ManualResetEventSlim();
        UnixFileMode? modeBeforeNaming = null;

        var writer = Task.Run(() => PrivateFiles.ReplaceAtomically(
            path,
            stream => stream.Write("new"u8),
            syncFolder: true,
            beforeNaming: handle =>
            {
                modeBeforeNaming = File.GetUnixFileMode(handle);
                durable.Set();
                resume.Wait();
            }));

        // The writer is stopped where a kill -9 would leave it: bytes written and fsync'd, no name yet.
        Assert.True(durable.Wait(TimeSpan.FromSeconds(30)));
        Assert.Equal(["mount.json"], Names(_folder.Path));
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal(OwnerReadWrite, modeBeforeNaming);

        resume.Set();
        await writer;
        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal(["mount.json"], Names(_folder.Path));
    }

    [Fact]
    public void A_named_temporary_file_is_owner_only_from_its_first_byte()
    {
        var path = _folder.File("client_secret.json");
        UnixFileMode? visibleMode = null;

        PrivateFiles.ReplaceAtomically(
            path,
            stream =>
            {
                // Before any byte is written the temporary file exists under its name: check it there.
                var temporary = Directory.GetFiles(_folder.Path, "client_secret.json.*.tmp").Single();
                visibleMode = File.GetUnixFileMode(temporary);
                stream.Write("secret"u8);
            },
            syncFolder: true,
            beforeNaming: null,
            allowUnnamed: false);

        Assert.Equal(OwnerReadWrite, visibleMode);
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(path));
        Assert.Equal("secret", File.ReadAllText(path));
    }

    private static string[] Names(string folder) =>
        Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;
}

/// <summary>Tests that change the process's umask run alone, so no other test creates files meanwhile.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class UmaskCollection
{
    public const string Name = "umask";
}
