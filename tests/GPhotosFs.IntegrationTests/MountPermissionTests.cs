using GPhotosFs.IntegrationTests.Infrastructure;

namespace GPhotosFs.IntegrationTests;

/// <summary>umask=, file_mode= and dir_mode=, as users of shared NAS boxes set them with allow_other.</summary>
public sealed class MountPermissionTests(DemoLibrary library) : IClassFixture<DemoLibrary>
{
    [FuseFact]
    public void Umask_and_explicit_modes_set_what_other_users_may_read()
    {
        var file = library.Items().First().MountPath;
        using (var mount = new MountedLibrary(library.Folder, "-o", "allow_other,umask=027"))
        {
            Assert.Equal("440", Mode(mount[file]));
            Assert.Equal("550", Mode(mount["photos"]));
            Assert.Equal("550", Mode(mount.Path));
        }

        using (var mount = new MountedLibrary(library.Folder, "-o", "allow_other,file_mode=0644,dir_mode=0750"))
        {
            Assert.Equal("444", Mode(mount[file])); // write bits dropped: the mount is read-only
            Assert.Equal("550", Mode(mount["photos"]));
        }

        using (var mount = new MountedLibrary(library.Folder))
        {
            Assert.Equal("444", Mode(mount[file]));
            Assert.Equal("555", Mode(mount["photos"]));
        }

        var bad = Tools.RunGphotosfs("mount", Path.GetTempPath(), "--library", library.Folder, "-o", "umask=999");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("umask=999: expected octal permission bits", bad.Stderr, StringComparison.Ordinal);
    }

    private static string Mode(string path) => Convert.ToString((int)File.GetUnixFileMode(path), 8);
}
