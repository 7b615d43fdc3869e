using GPhotosFs.Cli.Daemon;
using GPhotosFs.IntegrationTests.Infrastructure;

namespace GPhotosFs.IntegrationTests;

/// <summary>The daemon's lock and its record in the library's state folder.</summary>
public sealed class MountLockTests
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public void The_daemon_record_and_a_state_folder_it_creates_are_private_to_their_owner()
    {
        using var temp = new TempFolder();
        var state = Path.Combine(temp.Path, "library", "state");

        using (MountLock.Acquire(state, temp.Path))
        {
            Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(Path.Combine(state, MountLock.InfoFileName)));
            Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(Path.Combine(state, MountLock.LockFileName)));
            Assert.Equal(OwnerReadWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(state));
            Assert.Equal([MountLock.InfoFileName, MountLock.LockFileName], Directory.GetFiles(state).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        }
    }
}
